/**
 * DRF's LimitOffsetPagination, behaviour for behaviour [C DRF pagination.py, utils/urls.py]:
 * - `limit` that is not a positive integer falls back to the default page size; above the maximum
 *   it is capped; a bad or negative `offset` counts as 0;
 * - `next`/`previous` are absolute URLs rebuilt from the request URL with `limit` and `offset`
 *   replaced; like Python's urlencode(sorted(...)) the query comes out sorted by name with
 *   quote_plus escaping;
 * - `previous` drops `offset` when it would be ≤ 0; an offset past the end gives no results but the
 *   real count.
 */
export interface PageRequest {
  /** Scheme and host the client used, e.g. `http://127.0.0.1:4100`. */
  origin: string
  /** The request path as received. */
  path: string
  /** The raw query string, without `?`. */
  rawQuery: string
  defaultLimit: number
  maxLimit: number
}

export interface Page<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

export function paginate<T, R>(
  items: readonly T[],
  request: PageRequest,
  render: (item: T) => R,
): Page<R> {
  const query = parsePythonQuery(request.rawQuery)
  const limit =
    positiveInteger(first(query, 'limit'), true, request.maxLimit) ?? request.defaultLimit
  const offset = positiveInteger(first(query, 'offset'), false) ?? 0
  const count = items.length
  const results = count === 0 || offset > count ? [] : items.slice(offset, offset + limit)
  const link = (changes: Record<string, string | undefined>): string => {
    const updated = new Map(query)
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) updated.delete(key)
      else updated.set(key, [value])
    }
    const encoded = [...updated.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([key, values]) => values.map((value) => `${quotePlus(key)}=${quotePlus(value)}`))
      .join('&')
    return `${request.origin}${request.path}${encoded === '' ? '' : `?${encoded}`}`
  }
  const next =
    offset + limit >= count ? null : link({ limit: String(limit), offset: String(offset + limit) })
  const previous =
    offset <= 0
      ? null
      : link({
          limit: String(limit),
          offset: offset - limit <= 0 ? undefined : String(offset - limit),
        })
  return { count, next, previous, results: results.map(render) }
}

function first(query: Map<string, string[]>, key: string): string | undefined {
  return query.get(key)?.[0]
}

/** Python's int() on a query value, then DRF's _positive_int rules. */
function positiveInteger(text: string | undefined, strict: boolean, cutoff?: number) {
  if (text === undefined || !/^\s*[+-]?\d+(_\d+)*\s*$/.test(text)) return undefined
  const value = Number.parseInt(text.replace(/_/g, ''), 10)
  if (value < 0 || (strict && value === 0)) return undefined
  return cutoff === undefined ? value : Math.min(value, cutoff)
}

/** urllib.parse.parse_qs(query, keep_blank_values=True): names in first-seen order. */
export function parsePythonQuery(rawQuery: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>()
  for (const part of rawQuery.split('&')) {
    if (part === '') continue
    const equals = part.indexOf('=')
    const key = unquotePlus(equals < 0 ? part : part.slice(0, equals))
    const value = unquotePlus(equals < 0 ? '' : part.slice(equals + 1))
    const values = parsed.get(key)
    if (values === undefined) parsed.set(key, [value])
    else values.push(value)
  }
  return parsed
}

function unquotePlus(text: string): string {
  const spaced = text.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    // Python leaves malformed escapes as they are.
    return spaced.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    )
  }
}

/** urllib.parse.quote_plus: only letters, digits and `_.-~` stay; space becomes `+`. */
export function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}
