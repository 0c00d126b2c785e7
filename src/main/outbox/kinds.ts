import type { z } from 'zod'
import { refId } from '../connectors/huvr/schemas'
import type { EditableKind, FieldValue, FieldValues } from '../../shared/rpc/outbox-contract'
import type { SqlValue } from '../sync/cache-writer'
import {
  ASSETS,
  DEFECTS,
  MEASUREMENTS,
  PROJECTS,
  CHECKLISTS,
  type CollectionSpec,
} from '../sync/huvr/collections'

/** A server record as cached (unknown fields kept). */
export type Data = Record<string, unknown>

/** What a field accepts; checked here before anything is stored, and again by the server. */
export interface FieldRule {
  type: 'text' | 'number' | 'integer' | 'choice' | 'date' | 'ref' | 'boolean'
  maxLength?: number
  choices?: readonly string[]
  /** Needed to create the record. */
  required?: boolean
  /** Set when the record is created, never edited afterwards (a defect's project, a reading's CML). */
  createOnly?: boolean
}

/** How one editable kind maps onto its cache table and its server's record shape. */
export interface KindSpec {
  kind: EditableKind
  system: 'huvr' | 'transam'
  table: string
  /** Whether remote ids are integers (HUVR) or object keys (TransAM). */
  integerIds: boolean
  /** The field naming the parent record, when the parent may itself be created offline. */
  parent?: { field: string; kind: EditableKind; column: string }
  /** A column the server needs to address the record besides its id (a document's asset). */
  scopeColumn?: string
  /** False when the server offers no way to delete one (a photo's link to a defect). */
  deletable?: boolean
  rules(data: Data | null): Record<string, FieldRule>
  /** The editable fields' values in a server record. */
  read(data: Data): FieldValues
  /** The record with these values written in, as the server would show them. */
  apply(data: Data, values: FieldValues): Data
  title(data: Data, id: string): string
  /** The cache table's query columns for a record. */
  columns(data: Data): Record<string, SqlValue>
}

const str = (value: unknown): FieldValue =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : null
const refOf = (value: unknown): number | null =>
  typeof value === 'number' || (typeof value === 'object' && value !== null)
    ? refId(value as Parameters<typeof refId>[0])
    : null

function pick(data: Data, fields: readonly string[]): FieldValues {
  return Object.fromEntries(fields.map((field) => [field, str(data[field])]))
}

function columnsVia(spec: CollectionSpec): (data: Data) => Record<string, SqlValue> {
  return (data) => spec.columns((spec.schema as z.ZodType<unknown>).parse(data))
}

const text = (maxLength?: number): FieldRule =>
  maxLength === undefined ? { type: 'text' } : { type: 'text', maxLength }

const ASSET_TEXT = ['name', 'description', 'external_id', 'serial_number', 'manufacturer', 'model']
const asset: KindSpec = {
  kind: 'huvr.asset',
  system: 'huvr',
  table: ASSETS.table,
  integerIds: true,
  rules: () => ({
    name: { ...text(255), required: true },
    description: text(),
    external_id: text(),
    serial_number: text(),
    manufacturer: text(),
    model: text(),
  }),
  read: (data) => pick(data, ASSET_TEXT),
  apply: (data, values) => ({ ...data, ...values }),
  title: (data, id) => `Asset ${str(data['name']) ?? id}`,
  columns: columnsVia(ASSETS),
}

export const PROJECT_STATUSES = [
  'INITIALIZED',
  'ASSIGNED',
  'IN_PROGRESS',
  'READY_FOR_REVIEW',
  'PUBLISHED',
] as const
const PROJECT_SCALARS = ['name', 'description', 'priority', 'start', 'end', 'status']
const project: KindSpec = {
  kind: 'huvr.project',
  system: 'huvr',
  table: PROJECTS.table,
  integerIds: true,
  rules: () => ({
    name: { ...text(200), required: true },
    description: text(),
    priority: text(50),
    start: { type: 'date' },
    end: { type: 'date' },
    status: { type: 'choice', choices: PROJECT_STATUSES },
    asset: { type: 'ref', required: true, createOnly: true },
    type: { type: 'ref', required: true, createOnly: true },
  }),
  read: (data) => ({
    ...pick(data, PROJECT_SCALARS),
    asset: typeof data['asset_id'] === 'number' ? data['asset_id'] : refOf(data['asset']),
    type: refOf(data['type']),
  }),
  apply(data, values) {
    const next: Data = { ...data }
    for (const [field, value] of Object.entries(values)) {
      if (field === 'asset') {
        next['asset_id'] = value
        next['asset'] = sameRef(data['asset'], value) ? data['asset'] : { id: value }
      } else if (field === 'type') {
        next['type'] = sameRef(data['type'], value) ? data['type'] : { id: value }
      } else next[field] = value
    }
    return next
  },
  title: (data, id) => `Project ${str(data['name']) ?? id}`,
  columns: columnsVia(PROJECTS),
}

export const DEFECT_STATES = ['PENDING', 'OPEN', 'MONITOR', 'REPAIR', 'REPAIRED', 'CLOSED'] as const
const DEFECT_SCALARS = [
  'type',
  'sub_type',
  'severity',
  'state',
  'description',
  'component',
  'location_code',
  'location_zone',
  'priority',
]
const defect: KindSpec = {
  kind: 'huvr.defect',
  system: 'huvr',
  table: DEFECTS.table,
  integerIds: true,
  parent: { field: 'project', kind: 'huvr.project', column: 'project_id' },
  rules: () => ({
    type: text(255),
    sub_type: text(255),
    severity: { type: 'integer' },
    state: { type: 'choice', choices: DEFECT_STATES },
    description: text(),
    component: text(200),
    location_code: text(255),
    location_zone: text(255),
    priority: text(50),
    project: { type: 'ref', required: true, createOnly: true },
    asset_id: { type: 'ref', required: true, createOnly: true },
    profile_id: { type: 'ref', required: true, createOnly: true },
  }),
  read: (data) => ({
    ...pick(data, DEFECT_SCALARS),
    project: refOf(data['project']),
    asset_id: typeof data['asset_id'] === 'number' ? data['asset_id'] : refOf(data['asset']),
    profile_id:
      typeof data['profile_id'] === 'number' ? data['profile_id'] : refOf(data['profile']),
  }),
  apply: (data, values) => ({ ...data, ...values }),
  title: (data, id) =>
    `Defect ${Number(id) < 0 ? '(new)' : id}${str(data['type']) === null ? '' : ` (${String(data['type'])})`}`,
  columns: columnsVia(DEFECTS),
}

export const MEASUREMENT_UNITS = ['NOT_SET', 'in', 'mm'] as const
export const MEASUREMENT_TYPES = ['UT_PIPE', 'UT_TANK', 'UT_COAT'] as const
export const MEASUREMENT_STATES = ['PENDING', 'NEEDS_VERIFICATION', 'ACTIVE', 'IGNORE'] as const
const measurement: KindSpec = {
  kind: 'huvr.measurement',
  system: 'huvr',
  table: MEASUREMENTS.table,
  integerIds: true,
  parent: { field: 'project', kind: 'huvr.project', column: 'project_id' },
  rules: () => ({
    value: { type: 'number' },
    units: { type: 'choice', choices: MEASUREMENT_UNITS },
    type: { type: 'choice', choices: MEASUREMENT_TYPES },
    state: { type: 'choice', choices: MEASUREMENT_STATES },
    comment: text(),
    project: { type: 'ref', required: true, createOnly: true },
    cml: { type: 'ref', required: true, createOnly: true },
  }),
  read: (data) => ({
    ...pick(data, ['value', 'units', 'type', 'state', 'comment']),
    project: refOf(data['project']),
    cml: refOf(data['cml']),
  }),
  apply(data, values) {
    const next: Data = { ...data, ...values }
    if ('cml' in values)
      next['cml'] = sameRef(data['cml'], values['cml']) ? data['cml'] : values['cml']
    return next
  },
  title: (data, id) => {
    const cml = data['cml']
    const name = typeof cml === 'object' && cml !== null ? str((cml as Data)['name']) : str(cml)
    return `Reading ${Number(id) < 0 ? '(new)' : id}${name === null ? '' : ` at CML ${String(name)}`}`
  },
  columns: columnsVia(MEASUREMENTS),
}

interface TemplateLine {
  key: string
  label?: string
  type?: string
  options?: string[]
}
interface TemplateSection {
  key: string
  lines?: TemplateLine[]
}

/** A checklist's template sections, as the detail record carries them. */
export function checklistSections(data: Data): TemplateSection[] {
  const template = data['template']
  if (typeof template !== 'object' || template === null) return []
  const sections = (template as Data)['sections']
  return Array.isArray(sections) ? (sections as TemplateSection[]) : []
}

const LINE_RULES: Record<string, FieldRule['type']> = {
  number: 'number',
  boolean: 'boolean',
  select: 'choice',
  text: 'text',
}

/** Checklist answers are one field per line, named "section.line". */
const checklist: KindSpec = {
  kind: 'huvr.checklist',
  system: 'huvr',
  table: CHECKLISTS.table,
  integerIds: true,
  rules(data) {
    const rules: Record<string, FieldRule> = {}
    for (const section of data === null ? [] : checklistSections(data))
      for (const line of section.lines ?? []) {
        const type = LINE_RULES[line.type ?? 'text'] ?? 'text'
        rules[`${section.key}.${line.key}`] =
          type === 'choice' ? { type, choices: line.options ?? [] } : { type }
      }
    return rules
  },
  read(data) {
    const results = (data['results'] ?? {}) as Record<string, Record<string, { value?: unknown }>>
    const values: FieldValues = {}
    for (const section of checklistSections(data))
      for (const line of section.lines ?? [])
        values[`${section.key}.${line.key}`] = str(results[section.key]?.[line.key]?.value)
    return values
  },
  apply(data, values) {
    const results = structuredClone((data['results'] ?? {}) as Record<string, Record<string, Data>>)
    for (const [field, value] of Object.entries(values)) {
      const [section = '', line = ''] = field.split('.')
      const answers = (results[section] ??= {})
      answers[line] = { notes: null, ...answers[line], value }
    }
    return { ...data, results }
  },
  title(data, id) {
    const template = data['template']
    const name =
      typeof template === 'object' && template !== null ? str((template as Data)['name']) : null
    return `Checklist ${name ?? id}`
  },
  columns: columnsVia(CHECKLISTS),
}

/** A photo linked to a defect: an overlay on the media, naming the defect. Made, never edited. */
const overlay: KindSpec = {
  kind: 'huvr.overlay',
  system: 'huvr',
  table: 'huvr_overlays',
  integerIds: true,
  deletable: false,
  parent: { field: 'defect', kind: 'huvr.defect', column: 'defect_id' },
  rules: () => ({
    media: { type: 'ref', required: true, createOnly: true },
    defect: { type: 'ref', required: true, createOnly: true },
    note: { ...text(), createOnly: true },
  }),
  read: (data) => ({
    media: refOf(data['media']),
    defect: refOf(data['defect']),
    note: str(data['note']),
  }),
  apply: (data, values) => ({ ...data, ...values }),
  title: (data) =>
    `Photo ${String(refOf(data['media']) ?? '')} linked to defect ${String(refOf(data['defect']) ?? '')}`,
  columns: (data) => ({ media_id: refOf(data['media']), defect_id: refOf(data['defect']) }),
}

const document: KindSpec = {
  kind: 'transam.document',
  system: 'transam',
  table: 'transam_documents',
  integerIds: false,
  scopeColumn: 'asset_key',
  rules: () => ({ description: text() }),
  read: (data) => pick(data, ['description']),
  apply: (data, values) => ({ ...data, ...values }),
  title: (data, id) =>
    `Document ${str(data['original_filename']) ?? str(data['description']) ?? id}`,
  columns: (data) => ({ description: str(data['description']) as SqlValue }),
}

export const KINDS: Record<EditableKind, KindSpec> = {
  'huvr.asset': asset,
  'huvr.project': project,
  'huvr.checklist': checklist,
  'huvr.defect': defect,
  'huvr.measurement': measurement,
  'huvr.overlay': overlay,
  'transam.document': document,
}

/** The kinds whose records name a parent of `kind` (defects and readings of a project). */
export function childKindsOf(kind: EditableKind): KindSpec[] {
  return Object.values(KINDS).filter((spec) => spec.parent?.kind === kind)
}

export function kindOfTable(table: string): KindSpec | undefined {
  return Object.values(KINDS).find((spec) => spec.table === table)
}

function sameRef(current: unknown, id: FieldValue): boolean {
  return refOf(current) === id
}

/** Why a value does not fit its field, in words for the form; null when it fits. */
export function checkValue(rule: FieldRule | undefined, value: FieldValue): string | null {
  if (rule === undefined) return 'This field cannot be edited here.'
  if (value === null) return rule.required === true ? 'This field is required.' : null
  switch (rule.type) {
    case 'text':
      if (typeof value !== 'string') return 'Enter text.'
      if (rule.maxLength !== undefined && value.length > rule.maxLength)
        return `At most ${rule.maxLength} characters.`
      if (rule.required === true && value.trim() === '') return 'This field is required.'
      return null
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'Enter a number.'
    case 'integer':
    case 'ref':
      return typeof value === 'number' && Number.isInteger(value) ? null : 'Enter a whole number.'
    case 'boolean':
      return typeof value === 'boolean' ? null : 'Choose yes or no.'
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? null
        : 'Enter a date as YYYY-MM-DD.'
    case 'choice':
      return typeof value === 'string' && (rule.choices ?? []).includes(value)
        ? null
        : `Choose one of: ${(rule.choices ?? []).join(', ')}.`
  }
}
