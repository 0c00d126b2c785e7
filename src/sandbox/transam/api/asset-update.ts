import type { AssetRecord } from '../state/records'
import type { TransamState } from '../state/state'
import type { TransamSettings } from '../settings'
import { noMethodError, parameterMissing, recordInvalid } from './errors'
import {
  isParamHash,
  isUploadedFile,
  type ParamHash,
  type ParamValue,
  rubyReceiver,
  rubyToI,
} from './params'

const FRAME = "app/controllers/api/v1/assets_controller.rb:40:in `update'"

const INTEGER_FIELDS = [
  'organization_id',
  'asset_subtype_id',
  'manufacturer_id',
  'manufacturer_model_id',
  'manufacture_year',
  'purchase_cost',
  'vendor_id',
  'parent_id',
  'quantity',
] as const
const DATE_FIELDS = ['purchase_date', 'in_service_date'] as const
const BOOLEAN_FIELDS = ['purchased_new'] as const
const STRING_FIELDS = [
  'asset_tag',
  'external_id',
  'description',
  'other_manufacturer',
  'other_manufacturer_model',
  'other_vendor',
  'quantity_unit',
  'location_address',
] as const

/** Service status types for service_status_updates_attributes [U names]. */
export const SERVICE_STATUS_TYPES: Record<number, string> = {
  1: 'In Service',
  2: 'Out of Service',
  3: 'Spare',
  4: 'Disposed',
}

export interface NestedEvent {
  kind: 'condition' | 'service_status'
  event_date: string | null
  assessed_rating: string | null
  service_status_type: string | null
  comments: string | null
}

/**
 * `params.require(:asset).permit(FORM_PARAMS)` then `update!` [C assets_controller.rb,
 * transam_asset.rb]: a missing or empty root key raises ParameterMissing; unpermitted keys and
 * non-scalar values are dropped silently; values are cast as ActiveRecord casts them; a failed
 * validation raises RecordInvalid. All three come back as 500 error envelopes.
 */
export function assetChanges(
  state: TransamState,
  asset: AssetRecord,
  root: ParamValue | undefined,
  settings: TransamSettings,
): { changes: Partial<AssetRecord>; events: NestedEvent[] } {
  if (!present(root)) throw parameterMissing('asset', FRAME)
  if (!isParamHash(root)) throw noMethodError('permit', rubyReceiver(root), FRAME)
  const changes: Partial<AssetRecord> = {}
  const set = <K extends keyof AssetRecord>(key: K, value: AssetRecord[K]) => {
    changes[key] = value
  }
  const rawCost = root['purchase_cost']
  for (const field of INTEGER_FIELDS) {
    if (field in root && scalar(root[field])) set(field, castInteger(root[field] as ParamValue))
  }
  for (const field of DATE_FIELDS) {
    if (field in root && scalar(root[field])) set(field, castDate(root[field] as ParamValue))
  }
  for (const field of BOOLEAN_FIELDS) {
    if (field in root && scalar(root[field])) set(field, castBoolean(root[field] as ParamValue))
  }
  const strings: readonly string[] = settings.transitAssetFields
    ? [...STRING_FIELDS, 'serial_number']
    : STRING_FIELDS
  for (const field of strings) {
    if (field in root && scalar(root[field])) {
      set(field as 'asset_tag', castString(root[field] as ParamValue) as string)
    }
  }
  const events = [
    ...nested(root['condition_updates_attributes'], 'condition'),
    ...nested(root['service_status_updates_attributes'], 'service_status'),
  ]
  const merged: AssetRecord = { ...asset, ...changes }
  const messages = validate(state, merged, scalar(rawCost ?? null) ? rawCost : undefined)
  if (messages.length > 0) throw recordInvalid(messages, FRAME)
  return { changes, events }
}

/** ActionController::Parameters#require: nil, blank strings, empty hashes and arrays are missing. */
function present(value: ParamValue | undefined): boolean {
  if (value === undefined || value === null || value === false) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (Array.isArray(value)) return value.length > 0
  if (isParamHash(value)) return Object.keys(value).length > 0
  return true
}

/** Permitted scalar types (Hash and Array values of scalar keys are dropped). */
function scalar(value: ParamValue | undefined): boolean {
  return (
    value !== undefined && (value === null || typeof value !== 'object' || isUploadedFile(value))
  )
}

function castInteger(value: ParamValue): number | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number') return Math.trunc(value)
  if (typeof value === 'string') return value.trim() === '' ? null : rubyToI(value)
  return null
}

function castDate(value: ParamValue): string | null {
  if (typeof value !== 'string') return null
  const match = /^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s].*)?$/.exec(value)
  if (match === null) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

const FALSE_VALUES = new Set(['0', 'f', 'F', 'false', 'FALSE', 'off', 'OFF'])

function castBoolean(value: ParamValue): boolean | null {
  if (value === null) return null
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'string') return value === '' ? null : !FALSE_VALUES.has(value)
  return true
}

function castString(value: ParamValue): string | null {
  if (value === null) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return null
}

function blank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

/** Validations of TransamAsset, in declaration order, as full messages [C transam_asset.rb]. */
function validate(state: TransamState, asset: AssetRecord, rawCost: ParamValue | undefined) {
  const messages: string[] = []
  if (asset.organization_id === null || !state.organizations.has(asset.organization_id)) {
    messages.push('Organization must exist')
  }
  if (asset.asset_subtype_id === null || !state.assetSubtypes.has(asset.asset_subtype_id)) {
    messages.push('Asset subtype must exist')
  }
  if (asset.asset_subtype_id === null) messages.push("Asset subtype can't be blank")
  if (asset.organization_id === null) messages.push("Organization can't be blank")
  if (blank(asset.asset_tag)) messages.push("Asset tag can't be blank")
  else {
    const taken = [...state.assets.values()].some(
      (other) =>
        other.id !== asset.id &&
        other.organization_id === asset.organization_id &&
        other.asset_tag === asset.asset_tag,
    )
    if (taken) messages.push('Asset tag has already been taken')
  }
  if (asset.purchase_cost === null) {
    messages.push("Purchase cost can't be blank", 'Purchase cost is not a number')
  } else if (
    typeof rawCost === 'string' &&
    !/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(rawCost)
  ) {
    messages.push('Purchase cost is not a number')
  } else if (asset.purchase_cost < 0) {
    messages.push('Purchase cost must be greater than or equal to 0')
  }
  if (asset.purchased_new === null) messages.push('Purchased new is not included in the list')
  if (asset.purchase_date === null) messages.push("Purchase date can't be blank")
  if (asset.in_service_date === null) messages.push("In service date can't be blank")
  if (
    asset.purchase_date !== null &&
    asset.in_service_date !== null &&
    asset.in_service_date < asset.purchase_date
  ) {
    messages.push('In service date should be on or after purchase date')
  }
  if (asset.asset_tag === asset.object_key) {
    messages.push('Asset tag should not be the same as the object key')
  }
  return messages
}

/** `*_attributes` as an array or as Rails' `{"0": {...}}` hash; rows without the key field are rejected. */
function nested(value: ParamValue | undefined, kind: NestedEvent['kind']): NestedEvent[] {
  const rows: ParamValue[] = Array.isArray(value)
    ? value
    : isParamHash(value)
      ? Object.values(value)
      : []
  return rows.filter(isParamHash).flatMap((row: ParamHash): NestedEvent[] => {
    const eventDate = castDate(row['event_date'] ?? null)
    const comments = castString(scalar(row['comments']) ? (row['comments'] as ParamValue) : null)
    if (kind === 'condition') {
      const rating = row['assessed_rating']
      if (blank(rating) || !scalar(rating)) return []
      return [
        {
          kind,
          event_date: eventDate,
          assessed_rating: String(Number(rating)),
          service_status_type: null,
          comments,
        },
      ]
    }
    const typeId = row['service_status_type_id']
    if (blank(typeId) || !scalar(typeId)) return []
    return [
      {
        kind,
        event_date: eventDate,
        assessed_rating: null,
        service_status_type: SERVICE_STATUS_TYPES[rubyToI(typeId)] ?? null,
        comments,
      },
    ]
  })
}
