import type { HuvrSettings, ListedResource } from '../settings'
import type { HuvrState } from '../state/state'
import { validationError } from './errors'
import { type FilterBuilder, type FilterEnv, FilterError, type Predicate } from './filters'

/**
 * Filtering, DRF SearchFilter and OrderingFilter over in-memory rows, with a small cache so that
 * crawling a large list page by page costs one filter-and-sort, not one per page.
 */
export type SortKey = string | number | boolean | null

export interface Listing<R extends { id: number }> {
  resource: ListedResource
  rows(state: HuvrState): readonly R[]
  /** Query parameter → filter; built per request because some names come from settings. */
  filters(settings: HuvrSettings): Record<string, FilterBuilder<R>>
  /** Field name → text the `search` parameter looks in. */
  searchable: Record<string, (record: R, state: HuvrState) => string | null | undefined>
  /** Field name → sort key `ordering` can use. */
  orderable: Record<string, (record: R, state: HuvrState) => SortKey>
}

const collator = new Intl.Collator('en', { sensitivity: 'variant', numeric: false })

interface CacheEntry {
  version: number
  rows: readonly unknown[]
}

/** The last few listings, keyed by resource and the parameters that shape them. */
export class ListingCache {
  private readonly entries = new Map<string, CacheEntry>()

  constructor(private readonly capacity = 24) {}

  lookup<R>(key: string, version: number, compute: () => readonly R[]): readonly R[] {
    const hit = this.entries.get(key)
    if (hit !== undefined && hit.version === version) {
      this.entries.delete(key)
      this.entries.set(key, hit) // most recently used last
      return hit.rows as readonly R[]
    }
    const rows = compute()
    this.entries.set(key, { version, rows })
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
    return rows
  }
}

/** The rows a list request selects, in order. `query` maps names to values (the last one wins). */
export function runListing<R extends { id: number }>(
  listing: Listing<R>,
  query: Map<string, string[]>,
  env: FilterEnv,
  cache: ListingCache,
): readonly R[] {
  const filters = listing.filters(env.settings)
  const last = (name: string): string => query.get(name)?.at(-1) ?? ''
  const applied = Object.keys(filters).filter((name) => last(name) !== '')
  const search = last('search')
  const ordering = orderingTerms(listing, env.settings, last('ordering'))
  const createdByMe = applied.some((name) => name.endsWith('_by_me'))
  if (applied.length === 0 && search.trim() === '' && ordering.length === 0) {
    return listing.rows(env.state) // already sorted by id: no copy needed
  }
  const key = JSON.stringify([
    listing.resource,
    applied.sort().map((name) => [name, last(name)]),
    search,
    ordering,
    createdByMe ? env.user?.id : null,
  ])
  return cache.lookup(key, env.state.version, () => {
    const predicates = buildPredicates(filters, applied, last, env)
    let rows = listing.rows(env.state).filter((row) => predicates.every((match) => match(row)))
    rows = applySearch(listing, env, rows, search)
    return ordering.length === 0 ? rows : sortRows(listing, env.state, rows, ordering)
  })
}

function buildPredicates<R>(
  filters: Record<string, FilterBuilder<R>>,
  applied: string[],
  last: (name: string) => string,
  env: FilterEnv,
): Predicate<R>[] {
  const errors: Record<string, string[]> = {}
  const predicates: Predicate<R>[] = []
  for (const name of applied) {
    try {
      predicates.push((filters[name] as FilterBuilder<R>)(last(name), env))
    } catch (error) {
      if (!(error instanceof FilterError)) throw error
      errors[name] = [error.message]
    }
  }
  if (Object.keys(errors).length > 0) throw validationError(errors)
  return predicates
}

/** DRF SearchFilter: terms split on whitespace and commas; every term must match some field. */
function applySearch<R extends { id: number }>(
  listing: Listing<R>,
  env: FilterEnv,
  rows: R[],
  search: string,
): R[] {
  const terms = searchTerms(search)
  if (terms.length === 0) return rows
  const fields = configured(listing.resource, env.settings.searchFields, listing.searchable)
  if (fields.length === 0) return rows
  return rows.filter((row) => {
    const haystack = fields
      .map((field) => listing.searchable[field]?.(row, env.state) ?? '')
      .join('\u0000')
      .toLowerCase()
    return terms.every((term) => haystack.includes(term))
  })
}

function searchTerms(search: string): string[] {
  const cleaned = search.replace(/\0/g, '').replace(/,/g, ' ')
  const terms: string[] = []
  for (const match of cleaned.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    const term = match[1] ?? match[2] ?? match[3] ?? ''
    if (term.trim() !== '') terms.push(term.toLowerCase())
  }
  return terms
}

function configured(
  resource: ListedResource,
  override: HuvrSettings['searchFields'],
  known: Record<string, unknown>,
): string[] {
  const names = override[resource] ?? Object.keys(known)
  return names.filter((name) => name in known)
}

/** DRF OrderingFilter: unknown fields are dropped; none left means the default (id) order. */
function orderingTerms<R extends { id: number }>(
  listing: Listing<R>,
  settings: HuvrSettings,
  raw: string,
): string[] {
  if (raw.trim() === '') return []
  const allowed = new Set(configured(listing.resource, settings.orderingFields, listing.orderable))
  return raw
    .split(',')
    .map((term) => term.trim())
    .filter((term) => allowed.has(term.replace(/^-/, '')))
}

/**
 * Sorts like PostgreSQL: NULLs last when ascending and first when descending; ties broken by id
 * so pages never shuffle between requests.
 */
function sortRows<R extends { id: number }>(
  listing: Listing<R>,
  state: HuvrState,
  rows: R[],
  ordering: string[],
): R[] {
  const terms = ordering.map((term) => ({
    descending: term.startsWith('-'),
    key: listing.orderable[term.replace(/^-/, '')] as (record: R, state: HuvrState) => SortKey,
  }))
  const keyed = rows.map((row) => ({ row, keys: terms.map((term) => term.key(row, state)) }))
  keyed.sort((a, b) => {
    for (let index = 0; index < terms.length; index += 1) {
      const descending = (terms[index] as { descending: boolean }).descending
      const order = compareKeys(a.keys[index] ?? null, b.keys[index] ?? null)
      if (order !== 0) return descending ? -order : order
    }
    return a.row.id - b.row.id
  })
  return keyed.map((entry) => entry.row)
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  if (typeof a === 'string' && typeof b === 'string') return collator.compare(a, b)
  return a < b ? -1 : a > b ? 1 : 0
}
