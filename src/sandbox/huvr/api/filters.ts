import type { HuvrSettings } from '../settings'
import type { TableName, UserRecord } from '../state/records'
import type { HuvrState } from '../state/state'
import { parseDateTime } from './validation'

/**
 * Query-parameter filters in django-filter's manner: an empty value means "no filter", a value the
 * filter cannot read is a 400 `{param: [message]}`, and a foreign key to a missing row is rejected
 * (or, with the `invalidForeignKeyFilter: 'ignore'` setting, simply matches nothing).
 */
export interface FilterEnv {
  state: HuvrState
  settings: HuvrSettings
  user: UserRecord | null
}

export type Predicate<R> = (record: R) => boolean
export type FilterBuilder<R> = (value: string, env: FilterEnv) => Predicate<R>

export class FilterError extends Error {}

const INVALID_CHOICE = 'Select a valid choice. That choice is not one of the available choices.'

function wholeNumber(value: string, message = 'Enter a number.'): number {
  if (!/^\s*-?\d+\s*$/.test(value)) throw new FilterError(message)
  return Number.parseInt(value, 10)
}

function numberList(value: string): Set<number> {
  return new Set(
    value
      .split(',')
      .filter((part) => part.trim() !== '')
      .map((part) => wholeNumber(part)),
  )
}

export function textExact<R>(get: (record: R, env: FilterEnv) => unknown): FilterBuilder<R> {
  return (value, env) => (record) => get(record, env) === value
}

export function textContains<R>(
  get: (record: R, env: FilterEnv) => string | null | undefined,
): FilterBuilder<R> {
  return (value, env) => {
    const needle = value.toLowerCase()
    return (record) => (get(record, env) ?? '').toLowerCase().includes(needle)
  }
}

export function integerExact<R>(get: (record: R) => number | null): FilterBuilder<R> {
  return (value) => {
    const wanted = wholeNumber(value)
    return (record) => get(record) === wanted
  }
}

export function integerBound<R>(
  get: (record: R) => number | null,
  bound: 'min' | 'max',
): FilterBuilder<R> {
  return (value) => {
    const limit = wholeNumber(value)
    return (record) => {
      const actual = get(record)
      return actual !== null && (bound === 'min' ? actual >= limit : actual <= limit)
    }
  }
}

export function integerIn<R>(get: (record: R, env: FilterEnv) => number | null): FilterBuilder<R> {
  return (value, env) => {
    const wanted = numberList(value)
    return (record) => {
      const actual = get(record, env)
      return actual !== null && wanted.has(actual)
    }
  }
}

/** `…__in` over a many-valued field: matches when any of the record's ids is listed. */
export function anyIn<R>(get: (record: R) => readonly number[]): FilterBuilder<R> {
  return (value) => {
    const wanted = numberList(value)
    return (record) => get(record).some((id) => wanted.has(id))
  }
}

/** ModelChoiceFilter: the id must exist (django-filter answers 400 otherwise). */
export function foreignKey<R>(
  table: TableName,
  get: (record: R, env: FilterEnv) => number | null | readonly number[],
): FilterBuilder<R> {
  return (value, env) => {
    const id = checkedId(value, table, env)
    return (record) => {
      const actual = get(record, env)
      return Array.isArray(actual) ? actual.includes(id) : actual === id
    }
  }
}

function checkedId(value: string, table: TableName, env: FilterEnv): number {
  const valid = /^\s*\d+\s*$/.test(value)
  const id = valid ? Number.parseInt(value, 10) : Number.NaN
  if (valid && env.state.tables[table].has(id)) return id
  if (env.settings.invalidForeignKeyFilter === 'reject') throw new FilterError(INVALID_CHOICE)
  return Number.NaN // matches nothing
}

/** Everything in the subtree of an asset, the asset included. */
export function assetSubtree<R>(
  getAsset: (record: R, env: FilterEnv) => number | null,
): FilterBuilder<R> {
  return (value, env) => {
    const root = checkedId(value, 'assets', env)
    const subtree = Number.isNaN(root)
      ? new Set<number>()
      : new Set([root, ...env.state.descendants(root)])
    return (record) => {
      const asset = getAsset(record, env)
      return asset !== null && subtree.has(asset)
    }
  }
}

export function choiceExact<R>(
  choices: readonly string[],
  get: (record: R, env: FilterEnv) => string | null | undefined,
): FilterBuilder<R> {
  return (value, env) => {
    if (!choices.includes(value)) {
      throw new FilterError(`Select a valid choice. ${value} is not one of the available choices.`)
    }
    return (record) => get(record, env) === value
  }
}

export function choiceIn<R>(get: (record: R) => string | number | null): FilterBuilder<R> {
  return (value) => {
    const wanted = new Set(value.split(',').map((part) => part.trim()))
    return (record) => wanted.has(String(get(record)))
  }
}

/** django-filter's boolean widget: anything but true/false is ignored, not an error. */
export function booleanExact<R>(get: (record: R, env: FilterEnv) => boolean): FilterBuilder<R> {
  return (value, env) => {
    const normalized = value.toLowerCase()
    if (normalized === 'true' || normalized === '1') return (record) => get(record, env)
    if (normalized === 'false' || normalized === '0') return (record) => !get(record, env)
    return () => true
  }
}

const DATE_ONLY = /^\s*\d{4}-\d{2}-\d{2}\s*$/
const DAY = 86_400_000

function instant(value: string, message = 'Enter a valid date/time.'): number {
  const parsed = parseDateTime(value)
  if (parsed === undefined) throw new FilterError(message)
  return parsed
}

/**
 * Filters on a timestamp field [U: the value syntax is not documented]. `exact` with a bare date
 * matches that whole UTC day, with a date-time that instant; `after` is ≥ (a bare date: from its
 * start); `before` is ≤ (a bare date: to the end of that day, as django-filter's date range does).
 */
export function timestampFilter<R>(
  mode: 'exact' | 'after' | 'before',
  get: (record: R) => string | null,
): FilterBuilder<R> {
  return (value) => {
    const start = instant(value)
    const wholeDay = DATE_ONLY.test(value)
    const end = wholeDay ? start + DAY - 1 : start
    return (record) => {
      const text = get(record)
      if (text === null) return false
      const at = Date.parse(text)
      if (mode === 'after') return at >= start
      if (mode === 'before') return at <= end
      return at >= start && at <= end
    }
  }
}

/** A date field (YYYY-MM-DD) compared as text. */
export function dateExact<R>(get: (record: R) => string | null): FilterBuilder<R> {
  return (value) => {
    if (!DATE_ONLY.test(value)) throw new FilterError('Enter a valid date.')
    const wanted = value.trim()
    return (record) => get(record) === wanted
  }
}

export function isNull<R>(get: (record: R) => unknown): FilterBuilder<R> {
  return booleanExact((record) => get(record) === null)
}
