import type { AssetRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { created, findOr404, listEndpoint, noContent, ok, updatedOnFilters } from '../endpoints'
import { validationError } from '../errors'
import {
  assetSubtree,
  booleanExact,
  foreignKey,
  integerExact,
  integerIn,
  isNull,
  textContains,
  textExact,
  timestampFilter,
} from '../filters'
import type { Listing } from '../listing'
import type { ApiRouter } from '../router'
import { assetDetail, assetWrite } from '../shapes/assets'
import { type FieldSpecs, validateBody } from '../validation'

/** `/api/assets/`: hierarchy, filters from the H-spec, create 201, PUT detail, PATCH flat. */

const text = (maxLength?: number) =>
  ({ kind: 'string', maxLength, nullable: true, allowBlank: true }) as const

const COMMON_FIELDS: FieldSpecs = {
  name: { kind: 'string', maxLength: 255, required: true },
  parent: { kind: 'pk', table: 'assets', nullable: true },
  owner: { kind: 'pk', table: 'companies', nullable: true },
  library: { kind: 'integer', nullable: true },
  external_id: text(255),
  app_key: text(50),
  description: text(),
  location: text(255),
  geo_point: { kind: 'point', nullable: true },
  installed_on: { kind: 'date', nullable: true },
  manufactured_on: { kind: 'date', nullable: true },
  labels: { kind: 'json' },
  manufacturer: text(255),
  model: text(255),
  serial_number: text(255),
}

const CREATE_FIELDS: FieldSpecs = {
  ...COMMON_FIELDS,
  type: { kind: 'pk', table: 'assetTypes', required: true },
}

/** AssetUpdate: `type` and the path are read-only on updates [C H-spec]. */
const UPDATE_FIELDS: FieldSpecs = {
  ...COMMON_FIELDS,
  is_active: { kind: 'boolean' },
  deactivated_on: { kind: 'datetime', nullable: true },
}

export const assetListing: Listing<AssetRecord> = {
  resource: 'assets',
  rows: (state) => state.tables.assets.all(),
  filters: (settings) => ({
    name: textExact((asset) => asset.name),
    type: foreignKey('assetTypes', (asset) => asset.type),
    type__name: textExact((asset, env) => env.state.tables.assetTypes.get(asset.type)?.name),
    asset_type__in: integerIn((asset) => asset.type),
    manufacturer: textExact((asset) => asset.manufacturer),
    model: textExact((asset) => asset.model),
    external_id: textExact((asset) => asset.external_id),
    serial_number: textExact((asset) => asset.serial_number),
    description: textExact((asset) => asset.description),
    app_key: textExact((asset) => asset.app_key),
    owner: foreignKey('companies', (asset) => asset.owner),
    owner__in: integerIn((asset) => asset.owner),
    owner__name: textExact((asset, env) =>
      asset.owner === null ? null : env.state.tables.companies.get(asset.owner)?.name,
    ),
    asset_condition: integerExact((asset) => asset.asset_condition),
    asset_condition__in: integerIn((asset) => asset.asset_condition),
    parent: foreignKey('assets', (asset) => asset.parent),
    parent__in: integerIn((asset) => asset.parent),
    no_parent: isNull((asset) => asset.parent),
    descendants: (value, env) => {
      const inSubtree = assetSubtree<AssetRecord>((asset) => asset.id)(value, env)
      return (asset) => asset.id !== Number(value) && inSubtree(asset)
    },
    asset_id: integerExact((asset) => asset.id),
    asset_path: textExact((asset) => asset.asset_path),
    asset_path_cache__path: textExact((asset) => asset.asset_path),
    asset_path_search: textContains((asset) => asset.asset_path),
    is_active: booleanExact((asset) => asset.is_active),
    created_on: timestampFilter('exact', (asset) => asset.created_on),
    deactivated_on: timestampFilter('exact', (asset) => asset.deactivated_on),
    ...updatedOnFilters<AssetRecord>(settings),
  }),
  searchable: {
    name: (asset) => asset.name,
    external_id: (asset) => asset.external_id,
    description: (asset) => asset.description,
    serial_number: (asset) => asset.serial_number,
    asset_path: (asset) => asset.asset_path,
  },
  orderable: {
    id: (asset) => asset.id,
    name: (asset) => asset.name,
    asset_path: (asset) => asset.asset_path,
    external_id: (asset) => asset.external_id,
    serial_number: (asset) => asset.serial_number,
    type: (asset) => asset.type,
    asset_condition: (asset) => asset.asset_condition,
    created_on: (asset) => asset.created_on,
    updated_on: (asset) => asset.updated_on,
  },
}

export function registerAssetRoutes(router: ApiRouter): void {
  router.add('/api/assets/', {
    GET: listEndpoint(assetListing, assetDetail),
    POST: { permission: 'asset_create', handle: createAsset },
  })
  router.add('/api/assets/:id/', {
    GET: { handle: (ctx) => ok(assetDetail(ctx, findOr404(ctx, 'assets'))) },
    PUT: {
      permission: 'asset_edit',
      handle: (ctx) => ok(assetDetail(ctx, updateAsset(ctx, false))),
    },
    PATCH: {
      permission: 'asset_edit',
      handle: (ctx) => ok(assetWrite(ctx, updateAsset(ctx, true))),
    },
    DELETE: {
      permission: 'asset_delete',
      handle(ctx) {
        ctx.state.remove('assets', findOr404(ctx, 'assets').id)
        return noContent()
      },
    },
  })
}

function createAsset(ctx: ApiContext) {
  const values = validateBody(CREATE_FIELDS, ctx.body(), { partial: false, state: ctx.state })
  const now = ctx.state.now()
  const record: AssetRecord = {
    id: ctx.state.tables.assets.allocateId(),
    name: values['name'] as string,
    type: values['type'] as number,
    parent: null,
    owner: null,
    library: null,
    external_id: null,
    app_key: null,
    description: null,
    location: null,
    geo_point: null,
    installed_on: null,
    manufactured_on: null,
    labels: [],
    manufacturer: null,
    model: null,
    serial_number: null,
    is_active: true,
    deactivated_on: null,
    asset_condition: null,
    asset_condition_set_by: null,
    asset_path: '',
    created_on: now,
    updated_on: now,
    ...(values as Partial<AssetRecord>),
  }
  return created(assetDetail(ctx, ctx.state.insert('assets', record)))
}

function updateAsset(ctx: ApiContext, partial: boolean): AssetRecord {
  const asset = findOr404(ctx, 'assets')
  const values = validateBody(UPDATE_FIELDS, ctx.body(), { partial, state: ctx.state })
  const parent = values['parent']
  if (
    typeof parent === 'number' &&
    (parent === asset.id || ctx.state.descendants(asset.id).includes(parent))
  ) {
    throw validationError({ parent: ['An asset cannot be moved below itself.'] })
  }
  return ctx.state.edit('assets', asset.id, values as Partial<AssetRecord>)
}
