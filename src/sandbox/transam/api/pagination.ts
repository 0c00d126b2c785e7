import type { RequestContext } from './context'
import { isParamHash, isUploadedFile, type ParamHash, type ParamValue, rubyToI } from './params'

/**
 * The api-pagination gem over Kaminari, as `GET /api/v1/assets` used it from Nov 2018 to Mar 2020
 * [C APIPAG]: `page` and `per_page` params; `Link` with first/prev (not on page 1) and last/next
 * (not on the last page), built from the request URL with the other query params kept (sorted, as
 * Rails' to_query does); `Total`; `Per-Page`.
 */
export function legacyPage<T>(items: readonly T[], ctx: RequestContext) {
  const requested = rubyToI(ctx.query['page'])
  const page = requested > 0 ? requested : 1
  const perRequested = rubyToI(ctx.query['per_page'])
  const perPage = perRequested > 0 ? perRequested : ctx.settings.legacyPerPage
  const total = items.length
  const totalPages = Math.ceil(total / perPage)
  const rows = items.slice((page - 1) * perPage, page * perPage)
  const url = `${ctx.origin}${ctx.path}${ctx.extension === null ? '' : `.${ctx.extension}`}`
  const link = (target: number, rel: string) =>
    `<${url}?${toQuery({ ...ctx.query, page: String(target) })}>; rel="${rel}"`
  const links: string[] = []
  if (page !== 1) links.push(link(1, 'first'), link(page - 1, 'prev'))
  if (page !== totalPages) links.push(link(totalPages, 'last'), link(page + 1, 'next'))
  const headers: Record<string, string> = { total: String(total), 'per-page': String(perPage) }
  if (links.length > 0) headers['link'] = links.join(', ')
  return { rows, headers }
}

/** Rails' Hash#to_query: nested keys, CGI escaping, pairs sorted. */
export function toQuery(params: ParamHash): string {
  return Object.entries(params)
    .flatMap(([key, value]) => pairs(key, value))
    .sort()
    .join('&')
}

function pairs(key: string, value: ParamValue): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${cgiEscape(`${key}[]`)}=`]
    return value.flatMap((item) => pairs(`${key}[]`, item))
  }
  if (isParamHash(value)) {
    return Object.entries(value).flatMap(([child, item]) => pairs(`${key}[${child}]`, item))
  }
  if (isUploadedFile(value)) return []
  return [`${cgiEscape(key)}=${cgiEscape(value === null ? '' : String(value))}`]
}

/** CGI.escape: only letters, digits and `_.-~` stay; space becomes `+`. */
function cgiEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}
