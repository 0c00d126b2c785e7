/**
 * What the simulated server stores. Field names are the wire names, foreign keys are plain ids and
 * timestamps are ISO strings, so a test can compare a client's cache with the server field by field.
 * The nested read shapes are built from these by the serializers in `api/shapes.ts`.
 */

export interface Label {
  name: string
  value: string
}

export type GeoPoint = number[]

export interface CompanyRecord {
  id: number
  name: string
  description: string | null
  is_active: boolean
  labels: Label[]
  parent: number | null
  role: 'SUBCONTRACTOR' | 'OWNER' | 'SERVICE'
  created_on: string
  updated_on: string
}

export interface UserRecord {
  id: number
  username: string
  email: string
  first_name: string
  last_name: string
  name: string | null
  is_active: boolean
  date_joined: string
  last_login: string | null
  company: number[]
  roles: string[]
  service_account: boolean
}

export interface CrewRecord {
  id: number
  name: string
  description: string | null
  company: number | null
  users: number[]
  is_active: boolean
  created_on: string
  updated_on: string
}

export interface AssetTypeRecord {
  id: number
  name: string
  is_active: boolean
  track_asset_condition: boolean
  cml_mode: 'DISABLED' | 'PIPE' | 'TANK'
  geo_mode: 'FIXED' | 'FIXED_LINEAR' | 'MOBILE' | 'INTERIOR' | 'UNKNOWN'
  library_mode: 'DISABLED' | 'ON_CREATE' | 'OPTIONAL'
  manufacturer: string | null
  model: string | null
  created_on: string
  updated_on: string
}

export interface DefectProfileRecord {
  id: number
  name: string
  description: string | null
  version: string
  state: 'DRAFT' | 'ACTIVE' | 'ARCHIVED'
  severity_mode: 'LIST' | 'FREE' | 'OFF'
  severity_options: { value: number; label: string }[]
  type_mode: 'LIST' | 'FREE' | 'OFF'
  type_options: { value: string; label: string }[]
  sub_type_mode: 'LIST' | 'FREE' | 'OFF'
  sub_type_options: { value: string; label: string }[]
  labels_mode: 'LIST' | 'FREE' | 'OFF'
  label_options: string[]
  created_on: string
  updated_on: string
}

export interface ChecklistTemplateLine {
  key: string
  label: string
  type: 'text' | 'number' | 'select' | 'boolean'
  options?: string[]
  units?: string
}

export interface ChecklistTemplateSection {
  key: string
  label: string
  description: string
  lines: ChecklistTemplateLine[]
}

export interface ChecklistTemplateRecord {
  id: number
  name: string
  description: string
  version: string
  type: 'ANYTIME' | 'PROJECT' | 'ALL'
  state: 'DRAFT' | 'ACTIVE' | 'ARCHIVED'
  categories: string[]
  sections: ChecklistTemplateSection[]
  created_on: string
  updated_on: string
}

export interface ProjectTypeRecord {
  id: number
  name: string
  is_active: boolean
  asset_types: number[]
  affects_asset_condition: boolean
  monitoring_mode: 'DISABLED' | 'UT_PIPE_STD' | 'UT_PIPE_MT' | 'UT_TANK_STD' | 'UT_TANK_MT'
  checklist_template: number | null
  defect_profile: number | null
  planned_duration: string | null
  track_tasks: boolean
  created_on: string
  updated_on: string
}

export interface AssetRecord {
  id: number
  name: string
  type: number
  parent: number | null
  owner: number | null
  library: number | null
  external_id: string | null
  app_key: string | null
  description: string | null
  location: string | null
  geo_point: GeoPoint | null
  installed_on: string | null
  manufactured_on: string | null
  labels: Label[]
  manufacturer: string | null
  model: string | null
  serial_number: string | null
  is_active: boolean
  deactivated_on: string | null
  asset_condition: number | null
  /** The project that last set the asset condition. */
  asset_condition_set_by: number | null
  /** Names from the root down, joined with '/'. Kept current by HuvrState on every edit. */
  asset_path: string
  created_on: string
  updated_on: string
}

export const PROJECT_STATUSES = [
  'INITIALIZED',
  'ASSIGNED',
  'IN_PROGRESS',
  'READY_FOR_REVIEW',
  'PUBLISHED',
] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]

export interface ProjectScope {
  description: string
  selected_findings: number[]
  selected_cmls: Record<string, unknown>
  selected_locations: Record<string, unknown>
  selected_sub_assets: Record<string, unknown>
  selected_area: GeoPoint | null
  created_on: string
  updated_on: string
}

export interface ProjectStatusChange {
  status: ProjectStatus
  note: string | null
  modified_by: number | null
  created_on: string
}

export interface ProjectRecord {
  id: number
  name: string
  type: number
  asset: number
  parent: number | null
  crews: number[]
  management_company: number | null
  description: string | null
  start: string | null
  end: string | null
  priority: string
  status: ProjectStatus
  historical_project: boolean
  work_done_on: string | null
  asset_condition: number | null
  scope: ProjectScope | null
  created_by: number | null
  watchers: number[]
  status_history: ProjectStatusChange[]
  created_on: string
  updated_on: string
}

export const MEDIA_STATES = [
  'CREATED',
  'UPLOADED',
  'PROCESSING',
  'PROCESSED',
  'INSPECTED',
  'NOT_FOUND',
] as const
export type MediaState = (typeof MEDIA_STATES)[number]

/** Where a media record's bytes and renditions live in the simulated bucket (not on the wire). */
export interface MediaStorage {
  object: string
  thumbnail: string | null
  preview: string | null
}

export interface MediaRecord {
  id: number
  name: string
  filename: string
  state: MediaState
  size: number | null
  media_type: string
  document_category: string
  file_meta: Record<string, unknown>
  description: string | null
  project: number | null
  checklist: number | null
  captured_on: string | null
  geo_point: GeoPoint | null
  heading: number | null
  pitch: number | null
  local_coordinates: GeoPoint | null
  local_id: string | null
  client_id: string | null
  location_code: string | null
  location_zone: string | null
  component: string | null
  access: string | null
  layer: number | null
  source_media: number | null
  priority: number
  attached_to: unknown
  created_by: number | null
  created_on: string
  updated_on: string
  storage: MediaStorage
}

/** The optional fields of a new media record that nothing has set yet (fresh arrays each call). */
export function unsetMediaFields() {
  return {
    file_meta: {},
    description: null,
    pitch: null,
    local_coordinates: null,
    local_id: null,
    client_id: null,
    location_code: null,
    location_zone: null,
    component: null,
    access: null,
    layer: null,
    source_media: null,
    priority: 0,
    attached_to: [],
  } satisfies Partial<MediaRecord>
}

export interface ChecklistAnswer {
  value: string | number | boolean | null
  notes: string | null
}

/** section key → line key → answer. */
export type ChecklistResults = Record<string, Record<string, ChecklistAnswer>>

export interface ChecklistRevision {
  id: number
  edit: Record<string, unknown>
  revert: boolean
  uploaded_by: number | null
  updated_on: string
}

export interface ChecklistRecord {
  id: number
  template_id: number
  project: number | null
  asset: number | null
  created_by: number | null
  uploaded_by: number | null
  /** The latest edit as sent; `results` is every non-reverted edit merged in order. */
  edit: Record<string, unknown>
  results: ChecklistResults
  flags: Record<string, unknown>
  schedule_tasks: number[]
  work_done_on: string | null
  revisions: ChecklistRevision[]
  created_on: string
  updated_on: string
}

export const DEFECT_STATES = ['PENDING', 'OPEN', 'MONITOR', 'REPAIR', 'REPAIRED', 'CLOSED'] as const
export type DefectState = (typeof DEFECT_STATES)[number]

export interface DefectHistoryEntry {
  state: DefectState
  note: string | null
  modified_by: number | null
  created_on: string
}

export interface DefectRecord {
  id: number
  asset: number
  profile: number
  project: number | null
  checklist: number | null
  checklist_line: string | null
  type: string | null
  sub_type: string | null
  severity: number | null
  priority: string
  state: DefectState
  description: string | null
  labels: Label[]
  geo_point: GeoPoint | null
  heading: number | null
  pitch: number | null
  local_coordinates: GeoPoint | null
  location_code: string | null
  location_zone: string | null
  component: string | null
  access: string | null
  layer: number | null
  length: number | null
  width: number | null
  area: number | null
  captured_on: string | null
  repair_by: string | null
  next_inspection_date: string | null
  newer_defect: number | null
  external_id: string | null
  created_by: number | null
  modified_by: number | null
  history: DefectHistoryEntry[]
  created_on: string
  updated_on: string
}

/**
 * A finding drawn on a photo: links one media record to one defect [C H-spec
 * InspectionMediaOverlayInline]. `geometry` ("polygon in pixel space") and `geometry_extra` are
 * kept as sent [U: their real formats].
 */
export interface OverlayRecord {
  id: number
  media: number
  defect: number
  geometry: unknown
  geometry_extra: unknown
  note: string | null
  created_by: number | null
  created_on: string
  updated_on: string
}

export const CML_TYPES = ['PIPE', 'TANK', 'BOILER', 'VESSEL', 'PART', 'OTHER'] as const
export type CmlType = (typeof CML_TYPES)[number]

export interface CmlRecord {
  id: number
  asset: number
  name: string
  type: CmlType
  description: string | null
  component: string | null
  location_code: string | null
  location_zone: string | null
  access: string | null
  geo_point: GeoPoint | null
  heading: number | null
  pitch: number | null
  local_coordinates: GeoPoint | null
  layer: number | null
  installed_on: string | null
  is_active: boolean
  deactivated_on: string | null
  labels: Label[]
  external_id: string | null
  app_key: string | null
  next_inspection_date: string | null
  created_on: string
  updated_on: string
}

export const MEASUREMENT_UNITS = ['NOT_SET', 'in', 'mm'] as const
export const MEASUREMENT_TYPES = ['UT_PIPE', 'UT_TANK', 'UT_COAT'] as const
export const MEASUREMENT_STATES = ['PENDING', 'NEEDS_VERIFICATION', 'ACTIVE', 'IGNORE'] as const

export interface MeasurementRecord {
  id: number
  cml: number
  value: number | null
  units: (typeof MEASUREMENT_UNITS)[number]
  type: (typeof MEASUREMENT_TYPES)[number]
  state: (typeof MEASUREMENT_STATES)[number]
  readings: Record<string, unknown>
  collected_by: number | null
  collected_by_display: string | null
  collected_on: string | null
  comment: string | null
  nominal: boolean
  offset: string
  project: number | null
  source_checklist: number | null
  source_checklist_line: string
  temperature: number | null
  uncorrected_value: number | null
  calculations: Record<string, unknown>
  extras: Record<string, unknown>
  external_id: string | null
  app_key: string | null
  created_on: string
  updated_on: string
}

/** Table name → record type; the names match the API path segments where there is one. */
export interface RecordTypes {
  companies: CompanyRecord
  users: UserRecord
  crews: CrewRecord
  assetTypes: AssetTypeRecord
  projectTypes: ProjectTypeRecord
  defectProfiles: DefectProfileRecord
  checklistTemplates: ChecklistTemplateRecord
  assets: AssetRecord
  projects: ProjectRecord
  media: MediaRecord
  checklists: ChecklistRecord
  defects: DefectRecord
  overlays: OverlayRecord
  cmls: CmlRecord
  measurements: MeasurementRecord
}
export type TableName = keyof RecordTypes
