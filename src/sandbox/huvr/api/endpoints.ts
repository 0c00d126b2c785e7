import { jsonReply, type Reply } from '../http/reply'
import type { HuvrSettings } from '../settings'
import type { RecordTypes, TableName } from '../state/records'
import type { ApiContext } from './context'
import { notFound } from './errors'
import { type FilterBuilder, timestampFilter } from './filters'
import { type Listing, runListing } from './listing'
import { paginate } from './pagination'
import type { Endpoint } from './router'

/** Small pieces every resource module uses. */

export function ok(payload: unknown): Reply {
  return jsonReply(200, payload)
}

export function created(payload: unknown): Reply {
  return jsonReply(201, payload)
}

export function noContent(): Reply {
  return jsonReply(204, null)
}

/** The record named by the `{id}` path parameter, or DRF's 404. */
export function findOr404<K extends TableName>(ctx: ApiContext, kind: K): RecordTypes[K] {
  const record = ctx.state.get(kind, ctx.id())
  if (record === undefined) throw notFound(ctx.settings.notFoundDetail)
  return record
}

/** A paginated, filtered, searchable, orderable list endpoint. */
export function listEndpoint<R extends { id: number }>(
  listing: Listing<R>,
  render: (ctx: ApiContext, record: R) => unknown,
): Endpoint {
  return {
    handle(ctx) {
      const rows = runListing(
        listing,
        ctx.query,
        { state: ctx.state, settings: ctx.settings, user: ctx.user },
        ctx.runtime.listings,
      )
      return ok(paginate(rows, pageRequest(ctx), (row) => render(ctx, row)))
    },
  }
}

export function pageRequest(ctx: ApiContext) {
  return {
    origin: ctx.origin,
    path: ctx.path,
    rawQuery: ctx.rawQuery,
    defaultLimit: ctx.settings.defaultPageSize,
    maxLimit: ctx.settings.maxPageSize,
  }
}

/** `updated_on` exact / after / before under the names the settings give [U syntax]. */
export function updatedOnFilters<R extends { updated_on: string }>(
  settings: HuvrSettings,
): Record<string, FilterBuilder<R>> {
  const names = settings.updatedOnParams
  const get = (record: R) => record.updated_on
  return {
    [names.exact]: timestampFilter('exact', get),
    [names.after]: timestampFilter('after', get),
    [names.before]: timestampFilter('before', get),
  }
}
