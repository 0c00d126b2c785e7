import { railsJson } from '../../http/reply'
import type { AssetRecord } from '../../state/records'
import { assetChanges } from '../asset-update'
import type { RequestContext } from '../context'
import { accessDenied, noMethodError, parameterMissing, RailsException } from '../errors'
import { legacyPage } from '../pagination'
import { isParamHash, isUploadedFile, type ParamValue, rubyReceiver, rubyToI } from '../params'
import { matches, QUERY_FIELDS, QUERY_OPERATORS, queryFieldJson } from '../query-fields'
import { type ApiRouter, template } from '../router'
import { assetJson, assetSummary, legacyAssetItem } from '../shapes'

const CONTROLLER = 'Api::V1::AssetsController'

/**
 * Assets [C assets_controller.rb]: index (every viewable asset plus `count`, or the legacy
 * paginated mode), show by object_key (404 `message` fail), update with `{asset: {…}}` (errors are
 * 500s), and filter (no `status` key in its answer).
 */
export function registerAssetRoutes(router: ApiRouter): void {
  router.add('GET', '/api/v1/assets', {
    name: `${CONTROLLER}#index`,
    wrapKey: 'asset',
    handle(ctx) {
      const assets = viewableAssets(ctx)
      if (ctx.settings.assetsIndex === 'legacy-paginated') {
        const page = legacyPage(assets, ctx)
        return template({ assets: page.rows.map(legacyAssetItem) }, page.headers)
      }
      return railsJson(200, {
        data: {
          count: assets.length,
          assets: assets.map((asset) => assetSummary(ctx.state, asset)),
        },
        status: 'success',
      })
    },
  })
  router.add('POST', '/api/v1/assets/filter', {
    name: `${CONTROLLER}#filter`,
    wrapKey: 'asset',
    handle: filter,
  })
  router.add('GET', '/api/v1/assets/:id', {
    name: `${CONTROLLER}#show`,
    wrapKey: 'asset',
    handle(ctx) {
      const key = ctx.pathParams['id'] ?? ''
      const asset = viewableAsset(ctx, key)
      if (asset === undefined) {
        return railsJson(404, { message: `Asset ${key} not found.`, status: 'fail' })
      }
      const include = ctx.param('include_events')
      const withEvents =
        include !== undefined && include !== null && include !== '' && include !== false
      return railsJson(200, {
        data: assetJson(ctx.state, asset, ctx.settings, withEvents),
        status: 'success',
      })
    },
  })
  for (const method of ['PATCH', 'PUT'] as const) {
    router.add(method, '/api/v1/assets/:id', {
      name: `${CONTROLLER}#update`,
      wrapKey: 'asset',
      handle: update,
    })
  }
  router.add('GET', '/api/v1/query_fields', {
    name: 'Api::V1::QueryFieldsController#index',
    handle(ctx) {
      const category = ctx.param('query_category_id')
      const fields =
        category === undefined || category === null
          ? QUERY_FIELDS
          : QUERY_FIELDS.filter((field) => field.query_category_id === rubyToI(category))
      return railsJson(200, { data: fields.map(queryFieldJson), status: 'success' })
    },
  })
}

function viewableAssets(ctx: RequestContext): AssetRecord[] {
  const orgs = new Set(ctx.me.viewable_organization_ids)
  return [...ctx.state.assets.values()].filter((asset) => orgs.has(asset.organization_id))
}

function viewableAsset(ctx: RequestContext, key: string): AssetRecord | undefined {
  const asset = ctx.state.assetByKey(key)
  return asset !== undefined && ctx.me.viewable_organization_ids.includes(asset.organization_id)
    ? asset
    : undefined
}

function update(ctx: RequestContext) {
  const key = ctx.pathParams['id'] ?? ''
  const asset = viewableAsset(ctx, key)
  // authorize! runs before anything else: an unknown key is an AccessDenied too [I].
  if (asset === undefined || !ctx.me.can_update_assets) {
    throw accessDenied("app/controllers/api/v1/assets_controller.rb:36:in `update'")
  }
  const { changes, events } = assetChanges(ctx.state, asset, ctx.param('asset'), ctx.settings)
  const updated = ctx.state.editAsset(key, changes)
  const today = new Date(ctx.now()).toISOString().slice(0, 10)
  for (const event of events) {
    const id = ctx.state.nextId('events')
    ctx.state.insertEvent({
      id,
      object_key: ctx.state.keys.next(ctx.now()),
      asset_id: updated.id,
      asset_event_type_id: event.kind === 'condition' ? 1 : 2,
      event_date: event.event_date ?? today,
      comments: event.comments,
      assessed_rating: event.assessed_rating,
      service_status_type: event.service_status_type,
      created_at: ctx.now(),
    })
  }
  return railsJson(200, { data: assetJson(ctx.state, updated, ctx.settings), status: 'success' })
}

const FILTER_FRAME = "app/controllers/api/v1/assets_controller.rb:24:in `filter'"

/**
 * `{"query": {"filters": [{query_field_id, op, value}], "orgs": [ids]}}`. Orgs are intersected
 * with the viewable ones exactly as Ruby's `&` does (so `"1"` does not match 1); a missing
 * `filters` list is a NoMethodError on nil [C controller code].
 */
function filter(ctx: RequestContext) {
  const query = ctx.param('query')
  if (
    query === undefined ||
    query === null ||
    query === '' ||
    (isParamHash(query) && Object.keys(query).length === 0)
  ) {
    throw parameterMissing('query', FILTER_FRAME)
  }
  if (!isParamHash(query)) throw noMethodError('permit', rubyReceiver(query), FILTER_FRAME)
  const viewable = ctx.me.viewable_organization_ids
  const requested = Array.isArray(query['orgs'])
    ? query['orgs'].filter((org) => typeof org === 'string' || typeof org === 'number')
    : []
  const orgs = requested.length === 0 ? viewable : viewable.filter((id) => requested.includes(id))
  const filters = Array.isArray(query['filters']) ? query['filters'] : null
  if (filters === null) throw noMethodError('map!', 'nil:NilClass', FILTER_FRAME)
  const conditions = filters.filter(isParamHash).map((raw) => {
    const scalarOf = (value: ParamValue | undefined) =>
      value === undefined || value === null || typeof value === 'object' || isUploadedFile(value)
        ? ''
        : String(value)
    const fieldId = scalarOf(raw['query_field_id'])
    const queryField = QUERY_FIELDS.find((candidate) => candidate.id === rubyToI(fieldId))
    if (queryField === undefined) {
      throw new RailsException(
        'ActiveRecord::RecordNotFound',
        `Couldn't find QueryField with 'id'=${fieldId}`,
        FILTER_FRAME,
      )
    }
    const op = scalarOf(raw['op']) || '='
    if (!(QUERY_OPERATORS as readonly string[]).includes(op)) {
      throw new RailsException('ArgumentError', `Unknown operator: ${op}`, FILTER_FRAME)
    }
    return { queryField, op, value: scalarOf(raw['value']) }
  })
  const orgSet = new Set(orgs)
  const found = [...ctx.state.assets.values()].filter(
    (asset) =>
      orgSet.has(asset.organization_id) &&
      conditions.every((condition) =>
        matches(
          condition.queryField,
          condition.op,
          condition.queryField.read(ctx.state, asset),
          condition.value,
        ),
      ),
  )
  const summaryOnly = ['1', 'true', 1, true].includes(ctx.param('summary_only') as never)
  const assets = found.map((asset) =>
    summaryOnly ? assetSummary(ctx.state, asset) : assetJson(ctx.state, asset, ctx.settings),
  )
  return railsJson(200, { data: { count: found.length, assets } })
}
