import type { HuvrState } from '../state/state'
import type { TableName } from '../state/records'
import { pythonTypeName, validationError } from './errors'

/**
 * Request-body validation with DRF's field semantics and its exact error messages, so a client
 * sees the same `{field: [message]}` bodies it would get from the real (Django) server.
 */
interface Common {
  required?: boolean
  nullable?: boolean
}
export type FieldSpec = Common &
  (
    | { kind: 'string'; maxLength?: number; allowBlank?: boolean }
    | { kind: 'email' }
    | { kind: 'integer'; min?: number; max?: number }
    | { kind: 'number' }
    | { kind: 'boolean' }
    | { kind: 'choice'; choices: readonly (string | number)[] }
    | { kind: 'date' }
    | { kind: 'datetime' }
    | { kind: 'pk'; table: TableName }
    | { kind: 'pk-list'; table: TableName }
    | { kind: 'point' }
    | { kind: 'json' }
  )

export type FieldSpecs = Record<string, FieldSpec>

class FieldError {
  constructor(readonly detail: unknown) {}
}

const fail = (message: string): never => {
  throw new FieldError([message])
}

/**
 * Checks `data` against `specs` and returns the converted values of the fields present (unknown
 * and absent fields are left out, as DRF does). With `partial` (PATCH) nothing is required.
 */
export function validateBody(
  specs: FieldSpecs,
  data: unknown,
  options: { partial: boolean; state: HuvrState },
): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw validationError({
      non_field_errors: [`Invalid data. Expected a dictionary, but got ${pythonTypeName(data)}.`],
    })
  }
  const input = data as Record<string, unknown>
  const values: Record<string, unknown> = {}
  const errors: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(specs)) {
    const raw = input[name]
    if (raw === undefined) {
      if (spec.required === true && !options.partial) errors[name] = ['This field is required.']
      continue
    }
    try {
      values[name] = convert(spec, raw, options.state)
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      errors[name] = error.detail
    }
  }
  if (Object.keys(errors).length > 0) throw validationError(errors)
  return values
}

function convert(spec: FieldSpec, raw: unknown, state: HuvrState): unknown {
  if (raw === null) {
    if (spec.nullable === true) return null
    return fail('This field may not be null.')
  }
  switch (spec.kind) {
    case 'string':
      return toText(raw, spec.maxLength, spec.allowBlank ?? false)
    case 'email': {
      const text = toText(raw, 254, false)
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) fail('Enter a valid email address.')
      return text
    }
    case 'integer':
      return toInteger(raw, spec.min, spec.max)
    case 'number':
      return toNumber(raw)
    case 'boolean':
      return toBoolean(raw)
    case 'choice': {
      const match = spec.choices.find((choice) => String(choice) === String(raw))
      if (match === undefined || typeof raw === 'object' || typeof raw === 'boolean') {
        return fail(`"${String(raw)}" is not a valid choice.`)
      }
      return match
    }
    case 'date':
      return toDate(raw)
    case 'datetime':
      return toDateTime(raw)
    case 'pk':
      return toPrimaryKey(raw, spec.table, state)
    case 'pk-list': {
      if (!Array.isArray(raw)) {
        return fail(`Expected a list of items but got type "${pythonTypeName(raw)}".`)
      }
      return [...new Set(raw.map((item) => toPrimaryKey(item, spec.table, state)))]
    }
    case 'point':
      return toPoint(raw)
    case 'json':
      return structuredClone(raw)
  }
}

function toText(raw: unknown, maxLength: number | undefined, allowBlank: boolean): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') fail('Not a valid string.')
  const text = String(raw).trim() // DRF trims whitespace by default
  if (text === '' && !allowBlank) fail('This field may not be blank.')
  if (maxLength !== undefined && text.length > maxLength) {
    fail(`Ensure this field has no more than ${maxLength} characters.`)
  }
  return text
}

function toInteger(raw: unknown, min?: number, max?: number): number {
  let value: number | undefined
  if (typeof raw === 'number' && Number.isInteger(raw)) value = raw
  else if (typeof raw === 'string' && /^\s*-?\d+(\.0*)?\s*$/.test(raw)) value = Number.parseInt(raw)
  if (value === undefined) return fail('A valid integer is required.')
  if (max !== undefined && value > max) fail(`Ensure this value is less than or equal to ${max}.`)
  if (min !== undefined && value < min)
    fail(`Ensure this value is greater than or equal to ${min}.`)
  return value
}

function toNumber(raw: unknown): number {
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN
  if (!Number.isFinite(value)) fail('A valid number is required.')
  return value
}

const TRUE_VALUES = new Set(['t', 'y', 'yes', 'true', 'on', '1'])
const FALSE_VALUES = new Set(['f', 'n', 'no', 'false', 'off', '0'])

function toBoolean(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw
  if (raw === 1 || raw === 0) return raw === 1
  if (typeof raw === 'string') {
    if (TRUE_VALUES.has(raw.toLowerCase())) return true
    if (FALSE_VALUES.has(raw.toLowerCase())) return false
  }
  return fail('Must be a valid boolean.')
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/

function toDate(raw: unknown): string {
  const message = 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'
  if (typeof raw !== 'string') return fail(message)
  const match = DATE_PATTERN.exec(raw.trim())
  if (match === null || !isRealDate(match)) return fail(message)
  return raw.trim()
}

function isRealDate(match: RegExpExecArray): boolean {
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** ISO 8601 as Django parses it; a value without a zone is taken as UTC (the server's zone). */
export function parseDateTime(text: string): number | undefined {
  const match =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      text.trim(),
    )
  if (match === null) return undefined
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = match
  const millis = Math.round(Number(`0.${fraction}`) * 1000)
  let epoch = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    millis,
  )
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)))
  if (check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined
  }
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')
    epoch -= sign * offset * 60_000
  }
  return Number.isFinite(epoch) ? epoch : undefined
}

function toDateTime(raw: unknown): string {
  const epoch = typeof raw === 'string' ? parseDateTime(raw) : undefined
  if (epoch === undefined) {
    return fail(
      'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
    )
  }
  return new Date(epoch).toISOString()
}

function toPrimaryKey(raw: unknown, table: TableName, state: HuvrState): number {
  const id =
    typeof raw === 'number' && Number.isInteger(raw)
      ? raw
      : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)
        ? Number.parseInt(raw)
        : undefined
  if (id === undefined)
    return fail(`Incorrect type. Expected pk value, received ${pythonTypeName(raw)}.`)
  if (!state.tables[table].has(id))
    fail(`Invalid pk "${String(raw).trim()}" - object does not exist.`)
  return id
}

function toPoint(raw: unknown): number[] {
  if (!Array.isArray(raw)) {
    return fail(`Expected a list of items but got type "${pythonTypeName(raw)}".`)
  }
  const itemErrors: Record<string, string[]> = {}
  const values = raw.map((item, index) => {
    try {
      return toNumber(item)
    } catch (error) {
      if (!(error instanceof FieldError)) throw error
      itemErrors[String(index)] = error.detail as string[]
      return 0
    }
  })
  if (Object.keys(itemErrors).length > 0) throw new FieldError(itemErrors)
  if (values.length < 2) fail('Ensure this field has at least 2 elements.')
  if (values.length > 3) fail('Ensure this field has no more than 3 elements.')
  return values
}
