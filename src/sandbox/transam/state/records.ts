/**
 * Rows of the simulated TransAM database, named after transam_core's columns. Times are epoch
 * milliseconds; dates are `YYYY-MM-DD` strings (or null).
 */

export type OrganizationType = 'TransitOperator' | 'PlanningPartner' | 'Grantor'

export interface ExecutiveDirector {
  last_name: string
  first_name: string
  email: string
  phone: string
  phone_ext: string | null
  title: string
  address1: string
  address2: string | null
  city: string
  state: string
  zip: string
}

export interface OrganizationRecord {
  id: number
  /** PlanningPartner organizations are left out of `GET /api/v1/organizations` [C]. */
  organization_type: OrganizationType
  name: string
  short_name: string
  legal_name: string
  address1: string
  address2: string | null
  county: string
  city: string
  state: string
  zip: string
  phone: string
  url: string | null
  /** Decimal columns: Rails renders them as strings. */
  latitude: string | null
  longitude: string | null
  agency_office_address: string | null
  executive_director: ExecutiveDirector | null
}

export interface Privilege {
  name: string
  label: string
}

export interface UserRecord {
  id: number
  first_name: string
  last_name: string
  /** Stored downcased, as Devise does. */
  email: string
  /** The simulator keeps it in clear: it only guards this sandbox. */
  password: string
  title: string | null
  phone: string
  active: boolean
  organization_id: number
  /** The organizations whose assets the user sees (users_viewable_organizations). */
  viewable_organization_ids: number[]
  privileges: Privilege[]
  /** May update assets (CanCan `:update`); without it an update is a 500 AccessDenied. */
  can_update_assets: boolean
  /** 20 characters (Devise friendly token). */
  authentication_token: string
  failed_attempts: number
  locked_at: number | null
}

export interface AssetTypeRecord {
  id: number
  name: string
  description: string
}

export interface AssetSubtypeRecord {
  id: number
  asset_type_id: number
  name: string
  description: string
}

export interface ManufacturerRecord {
  id: number
  name: string
  code: string
}

export interface ManufacturerModelRecord {
  id: number
  manufacturer_id: number
  name: string
  description: string
}

export interface VendorRecord {
  id: number
  object_key: string
  organization_id: number
  name: string
  address1: string
  address2: string | null
  city: string
  state: string
  zip: string
  phone: string
  fax: string | null
  url: string | null
  latitude: string | null
  longitude: string | null
  active: boolean
  created_at: number
  updated_at: number
}

export interface AssetRecord {
  id: number
  object_key: string
  organization_id: number
  asset_subtype_id: number
  /** The typed-asset class (transam_transit): RevenueVehicle, Facility, Equipment… */
  transam_assetible_type: string
  asset_tag: string
  external_id: string | null
  /** Transit typed assets carry it (VIN for vehicles); shown when `transitAssetFields` is on. */
  serial_number: string | null
  description: string | null
  manufacturer_id: number | null
  other_manufacturer: string | null
  manufacturer_model_id: number | null
  other_manufacturer_model: string | null
  manufacture_year: number | null
  purchase_cost: number | null
  purchase_date: string | null
  purchased_new: boolean | null
  in_service_date: string | null
  vendor_id: number | null
  other_vendor: string | null
  parent_id: number | null
  quantity: number | null
  quantity_unit: string | null
  location_address: string | null
  created_at: number
  updated_at: number
}

export interface AssetEventTypeRecord {
  id: number
  /** The key events are grouped under with `include_events=1`. */
  name: string
  class_name: string
}

export interface AssetEventRecord {
  id: number
  object_key: string
  asset_id: number
  asset_event_type_id: number
  event_date: string
  comments: string | null
  /** Condition updates: a decimal rating, rendered as a string. */
  assessed_rating: string | null
  /** Service status updates. */
  service_status_type: string | null
  created_at: number
}

export interface DocumentRecord {
  id: number
  object_key: string
  /** The asset it is attached to (documentable). */
  asset_id: number
  description: string | null
  original_filename: string
  content_type: string
  file_size: number
  /** Where the bytes are: `document_uploads/<object_key>/<uuid>.<ext>`. */
  storage_key: string
  created_by_id: number
  created_at: number
  updated_at: number
}

/** An object in the simulated S3 bucket; seeded documents are built on first download. */
export interface StoredObject {
  contentType: string
  lastModified: number
  bytes?: Buffer
  build?: () => Buffer
}
