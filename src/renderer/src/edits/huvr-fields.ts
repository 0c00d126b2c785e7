import { humanize } from '../format'
import { isPlainObject, textOf, type LooseRecord } from '../loose-record'
import type { Choice, FieldSpec } from './field-input'

/** Server codes offered as choices, labelled as people read them ("Ready for review"). */
function codes(values: readonly string[]): Choice[] {
  return values.map((value) => ({ value, label: humanize(value) }))
}

export const ASSET_FIELDS: readonly FieldSpec[] = [
  { field: 'name', label: 'Name', input: 'text', wide: true },
  { field: 'external_id', label: 'External id', input: 'text' },
  { field: 'serial_number', label: 'Serial number', input: 'text' },
  { field: 'manufacturer', label: 'Manufacturer', input: 'text' },
  { field: 'model', label: 'Model', input: 'text' },
  { field: 'description', label: 'Description', input: 'long-text' },
]

const PROJECT_STATUSES = codes([
  'INITIALIZED',
  'ASSIGNED',
  'IN_PROGRESS',
  'READY_FOR_REVIEW',
  'PUBLISHED',
])

export const PROJECT_FIELDS: readonly FieldSpec[] = [
  { field: 'name', label: 'Name', input: 'text', wide: true },
  { field: 'status', label: 'Status', input: 'choice', choices: PROJECT_STATUSES },
  { field: 'priority', label: 'Priority', input: 'text' },
  { field: 'start', label: 'Start', input: 'date' },
  { field: 'end', label: 'End', input: 'date' },
  { field: 'description', label: 'Description', input: 'long-text' },
]

const DEFECT_STATES = codes(['PENDING', 'OPEN', 'MONITOR', 'REPAIR', 'REPAIRED', 'CLOSED'])

/** A defect profile's list of allowed values ({value, label}), or null when it has none. */
function profileOptions(profile: LooseRecord | null, key: string): Choice[] | null {
  const options = profile?.[key]
  if (!Array.isArray(options)) return null
  const choices = options.flatMap((option): Choice[] => {
    if (!isPlainObject(option)) return []
    const value = option.value
    if (typeof value !== 'string' && typeof value !== 'number') return []
    return [{ value, label: textOf(option.label) ?? String(value) }]
  })
  return choices.length > 0 ? choices : null
}

/**
 * A defect's fields. Its profile (HUVR's per-organisation vocabulary) lists the types and
 * severities to choose from; without one they are typed in.
 */
export function defectFields(profile: LooseRecord | null): FieldSpec[] {
  const types = profileOptions(profile, 'type_options')
  const subTypes = profileOptions(profile, 'sub_type_options')
  const severities = profileOptions(profile, 'severity_options')
  return [
    types
      ? { field: 'type', label: 'Type', input: 'choice', choices: types }
      : { field: 'type', label: 'Type', input: 'text' },
    subTypes
      ? { field: 'sub_type', label: 'Sub-type', input: 'choice', choices: subTypes }
      : { field: 'sub_type', label: 'Sub-type', input: 'text' },
    severities
      ? { field: 'severity', label: 'Severity', input: 'choice', choices: severities }
      : { field: 'severity', label: 'Severity', input: 'integer' },
    { field: 'state', label: 'State', input: 'choice', choices: DEFECT_STATES },
    { field: 'component', label: 'Component', input: 'text' },
    { field: 'location_zone', label: 'Location zone', input: 'text' },
    { field: 'location_code', label: 'Location code', input: 'text' },
    { field: 'priority', label: 'Priority', input: 'text' },
    { field: 'description', label: 'Description', input: 'long-text' },
  ]
}

/** A value's label among a field's choices ("Corrosion" for CORROSION), else the value. */
export function choiceLabel(
  spec: Pick<FieldSpec, 'choices'> | undefined,
  value: unknown,
): string | null {
  if (value === null || value === undefined || value === '') return null
  const choice = spec?.choices?.find((option) => String(option.value) === String(value))
  return choice?.label ?? String(value)
}

export const MEASUREMENT_UNITS: readonly Choice[] = [
  { value: 'in', label: 'in' },
  { value: 'mm', label: 'mm' },
  { value: 'NOT_SET', label: 'Not set' },
]

export const MEASUREMENT_TYPES: readonly Choice[] = [
  { value: 'UT_PIPE', label: 'UT pipe' },
  { value: 'UT_TANK', label: 'UT tank' },
  { value: 'UT_COAT', label: 'UT coating' },
]

/** The id behind a reference HUVR sends nested ({id, name}) or flat (an id). */
export function refIdOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value
  if (isPlainObject(value) && typeof value.id === 'number') return value.id
  return null
}

/** A field as people read it: the label a form shows, and the labels of its choices. */
export type FieldLabel = Pick<FieldSpec, 'field' | 'label' | 'choices'>

/** Fields set once, when a record is created here (its parent, its vocabulary). */
const REFERENCE_FIELDS: readonly FieldLabel[] = [
  { field: 'project', label: 'Project' },
  { field: 'asset', label: 'Asset' },
  { field: 'asset_id', label: 'Asset' },
  { field: 'profile_id', label: 'Defect profile' },
  { field: 'cml', label: 'CML' },
]

/**
 * A field's label among `fields` (a form's, or a checklist's lines), else a set-once field's,
 * else its server name in words: "external_id" reads "External id", a checklist answer
 * "general.weather" reads "General › Weather".
 */
export function labelOfField(field: string, fields: readonly FieldLabel[] = []): string {
  const known =
    fields.find((spec) => spec.field === field) ??
    REFERENCE_FIELDS.find((spec) => spec.field === field)
  return known?.label ?? field.split('.').map(humanize).join(' › ')
}
