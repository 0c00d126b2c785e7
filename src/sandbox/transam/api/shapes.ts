import type { TransamSettings } from '../settings'
import type {
  AssetEventRecord,
  AssetRecord,
  DocumentRecord,
  OrganizationRecord,
  UserRecord,
  VendorRecord,
} from '../state/records'
import type { TransamState } from '../state/state'
import type { S3Signer } from '../storage/signing'

/** JSON shapes, field for field as the research lists them (key order kept). */

/** The full organization object [C organization.rb]. */
export function organizationJson(org: OrganizationRecord) {
  return {
    id: org.id,
    name: org.name,
    short_name: org.short_name,
    legal_name: org.legal_name,
    address1: org.address1,
    address2: org.address2,
    county: org.county,
    city: org.city,
    state: org.state,
    zip: org.zip,
    phone: org.phone,
    url: org.url,
    latitude: org.latitude,
    longitude: org.longitude,
    agency_office_address: org.agency_office_address,
    executive_director: org.executive_director,
  }
}

export function organizationBrief(org: OrganizationRecord) {
  return { id: org.id, name: org.name, short_name: org.short_name }
}

export function userName(user: UserRecord): string {
  return `${user.first_name} ${user.last_name}`
}

export function userProfile(state: TransamState, user: UserRecord) {
  const org = state.organizations.get(user.organization_id)
  return {
    id: user.id,
    name: userName(user),
    first_name: user.first_name,
    last_name: user.last_name,
    email: user.email,
    organization: org === undefined ? null : organizationBrief(org),
    privileges: user.privileges.map((privilege) => ({ ...privilege })),
  }
}

export function railsTime(epochMilliseconds: number): string {
  return new Date(epochMilliseconds).toISOString()
}

/** A vendor's as_json: every column [I]. */
export function vendorJson(vendor: VendorRecord) {
  return {
    id: vendor.id,
    object_key: vendor.object_key,
    organization_id: vendor.organization_id,
    name: vendor.name,
    address1: vendor.address1,
    address2: vendor.address2,
    city: vendor.city,
    state: vendor.state,
    zip: vendor.zip,
    phone: vendor.phone,
    fax: vendor.fax,
    url: vendor.url,
    latitude: vendor.latitude,
    longitude: vendor.longitude,
    active: vendor.active,
    created_at: railsTime(vendor.created_at),
    updated_at: railsTime(vendor.updated_at),
  }
}

/** The index item: `{object_key, description, organization}` [C]. */
export function assetSummary(state: TransamState, asset: AssetRecord) {
  const org = state.organizations.get(asset.organization_id)
  return {
    object_key: asset.object_key,
    description: asset.description,
    organization: org === undefined ? null : organizationJson(org),
  }
}

/** The legacy (2018–2020) index item, from the old index.json.jbuilder [C]. */
export function legacyAssetItem(asset: AssetRecord) {
  return {
    object_key: asset.object_key,
    transam_assetible_type: asset.transam_assetible_type,
    organization_id: asset.organization_id,
    asset_subtype_id: asset.asset_subtype_id,
    asset_tag: asset.asset_tag,
  }
}

/** assets#show's data object [C field list; I date format]. */
export function assetJson(
  state: TransamState,
  asset: AssetRecord,
  settings: TransamSettings,
  includeEvents = false,
) {
  const org = state.organizations.get(asset.organization_id)
  const subtype = state.assetSubtypes.get(asset.asset_subtype_id)
  const type = subtype === undefined ? undefined : state.assetTypes.get(subtype.asset_type_id)
  const manufacturer =
    asset.manufacturer_id === null ? undefined : state.manufacturers.get(asset.manufacturer_id)
  const model =
    asset.manufacturer_model_id === null
      ? undefined
      : state.manufacturerModels.get(asset.manufacturer_model_id)
  const vendor = asset.vendor_id === null ? undefined : state.vendors.get(asset.vendor_id)
  const json: Record<string, unknown> = {
    object_key: asset.object_key,
    asset_tag: asset.asset_tag,
    external_id: asset.external_id,
    description: asset.description,
    organization: org === undefined ? null : organizationJson(org),
    asset_subtype:
      subtype === undefined
        ? null
        : {
            id: subtype.id,
            name: subtype.name,
            description: subtype.description,
            asset_type:
              type === undefined
                ? null
                : { id: type.id, name: type.name, description: type.description },
          },
    manufacturer:
      manufacturer === undefined
        ? null
        : { id: manufacturer.id, name: manufacturer.name, code: manufacturer.code },
    manufacturer_model:
      model === undefined
        ? null
        : { id: model.id, name: model.name, description: model.description },
    other_manufacturer_model: asset.other_manufacturer_model,
    manufacture_year: asset.manufacture_year,
    purchase_cost: asset.purchase_cost,
    purchase_date: asset.purchase_date,
    purchased_new: asset.purchased_new,
    in_service_date: asset.in_service_date,
    vendor: vendor === undefined ? null : vendorJson(vendor),
    quantity: asset.quantity,
    quantity_unit: asset.quantity_unit,
  }
  if (settings.transitAssetFields) {
    json['transam_assetible_type'] = asset.transam_assetible_type
    json['serial_number'] = asset.serial_number
  }
  if (includeEvents) json['asset_events'] = eventsJson(state, asset)
  return json
}

function eventsJson(state: TransamState, asset: AssetRecord) {
  const grouped: Record<string, unknown[]> = {}
  const events = state
    .eventsOf(asset.id)
    .sort((a, b) => b.event_date.localeCompare(a.event_date) || b.id - a.id)
  for (const event of events) {
    const type = state.assetEventTypes.get(event.asset_event_type_id)
    const name = type?.name ?? 'Event'
    ;(grouped[name] ??= []).push(eventJson(event))
  }
  return grouped
}

function eventJson(event: AssetEventRecord) {
  return {
    object_key: event.object_key,
    asset_event_type_id: event.asset_event_type_id,
    event_date: event.event_date,
    ...(event.assessed_rating === null ? {} : { assessed_rating: event.assessed_rating }),
    ...(event.service_status_type === null
      ? {}
      : { service_status_type: event.service_status_type }),
    comments: event.comments,
    created_at: railsTime(event.created_at),
  }
}

/** `{object_key, description, url}`; the url is a fresh signed S3 URL [C shape]. */
export function documentJson(
  document: DocumentRecord,
  signing: { signer: S3Signer; origin: string; settings: TransamSettings; now: number },
) {
  return {
    object_key: document.object_key,
    description: document.description,
    url: signing.signer.sign({
      origin: signing.origin,
      bucket: signing.settings.storageBucket,
      key: document.storage_key,
      issuedAt: signing.now,
      lifetimeSeconds: signing.settings.documentUrlLifetimeSeconds,
    }),
  }
}
