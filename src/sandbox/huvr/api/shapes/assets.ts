import type { AssetRecord, AssetTypeRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { company } from './people'

/** AssetDetail (list, retrieve, create, PUT), AssetUpdate (PATCH) and the slimmer embeds. */

export function assetTypeSlim(ctx: ApiContext, id: number) {
  const record = ctx.state.tables.assetTypes.get(id)
  return record === undefined
    ? null
    : {
        id: record.id,
        name: record.name,
        is_active: record.is_active,
        track_asset_condition: record.track_asset_condition,
      }
}

export function assetTypeOf(record: AssetTypeRecord) {
  return {
    id: record.id,
    name: record.name,
    is_active: record.is_active,
    track_asset_condition: record.track_asset_condition,
    cml_mode: record.cml_mode,
    geo_mode: record.geo_mode,
    library_mode: record.library_mode,
    manufacturer: record.manufacturer,
    model: record.model,
    icon_url: null,
    deactivated_on: null,
    created_on: record.created_on,
    updated_on: record.updated_on,
  }
}

/** Root-to-self list of {id, name} [U: the exact form of asset_path_object]. */
export function assetPathObject(ctx: ApiContext, asset: AssetRecord) {
  return ctx.state.lineage(asset.id).map((step) => ({ id: step.id, name: step.name }))
}

export function assetTiny(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.assets.get(id)
  return record === undefined
    ? null
    : { id: record.id, name: record.name, asset_path: record.asset_path }
}

export function assetSlim(ctx: ApiContext, asset: AssetRecord) {
  return {
    id: asset.id,
    name: asset.name,
    app_key: asset.app_key,
    asset_path: asset.asset_path,
    asset_path_object: assetPathObject(ctx, asset),
    external_id: asset.external_id,
    labels: asset.labels,
    owner: company(ctx, asset.owner),
    parent: asset.parent,
    type: assetTypeSlim(ctx, asset.type),
  }
}

export function assetSlimById(ctx: ApiContext, id: number | null) {
  const record = id === null ? undefined : ctx.state.tables.assets.get(id)
  return record === undefined ? null : assetSlim(ctx, record)
}

/** Whole years since installation [U: `age` is an undocumented method field]. */
function age(ctx: ApiContext, asset: AssetRecord): string | null {
  if (asset.installed_on === null) return null
  const years = (ctx.now() - Date.parse(asset.installed_on)) / (365.25 * 86_400_000)
  return `${Math.max(0, Math.floor(years))} years`
}

export function assetDetail(ctx: ApiContext, asset: AssetRecord) {
  const setBy =
    asset.asset_condition_set_by === null
      ? undefined
      : ctx.state.tables.projects.get(asset.asset_condition_set_by)
  return {
    id: asset.id,
    name: asset.name,
    description: asset.description,
    external_id: asset.external_id,
    app_key: asset.app_key,
    labels: asset.labels,
    geo_point: asset.geo_point,
    location: asset.location,
    manufacturer: asset.manufacturer,
    model: asset.model,
    serial_number: asset.serial_number,
    installed_on: asset.installed_on,
    manufactured_on: asset.manufactured_on,
    is_active: asset.is_active,
    deactivated_on: asset.deactivated_on,
    type: assetTypeSlim(ctx, asset.type),
    owner: company(ctx, asset.owner),
    parent: assetTiny(ctx, asset.parent),
    asset_path: asset.asset_path,
    asset_path_object: assetPathObject(ctx, asset),
    asset_condition: asset.asset_condition,
    asset_condition_set_by: setBy === undefined ? null : { id: setBy.id, name: setBy.name },
    assessment: null,
    library: null,
    age: age(ctx, asset),
    project_count: ctx.runtime.indexes.projectCountByAsset().get(asset.id) ?? 0,
    created_on: asset.created_on,
    updated_on: asset.updated_on,
  }
}

export function assetDetailById(ctx: ApiContext, id: number) {
  const record = ctx.state.tables.assets.get(id)
  return record === undefined ? null : assetDetail(ctx, record)
}

/** AssetUpdate: the flat write serializer PATCH answers with (foreign keys as ids). */
export function assetWrite(ctx: ApiContext, asset: AssetRecord) {
  return {
    id: asset.id,
    name: asset.name,
    type: asset.type,
    parent: asset.parent,
    owner: asset.owner,
    library: asset.library,
    app_key: asset.app_key,
    asset_path: asset.asset_path,
    asset_path_object: assetPathObject(ctx, asset),
    deactivated_on: asset.deactivated_on,
    description: asset.description,
    external_id: asset.external_id,
    geo_point: asset.geo_point,
    installed_on: asset.installed_on,
    is_active: asset.is_active,
    labels: asset.labels,
    location: asset.location,
    manufactured_on: asset.manufactured_on,
    manufacturer: asset.manufacturer,
    model: asset.model,
    serial_number: asset.serial_number,
  }
}
