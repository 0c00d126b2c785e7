import type { z } from 'zod'
import {
  assetSchema,
  checklistSchema,
  defectSchema,
  measurementSchema,
  mediaSchema,
  projectSchema,
  refId,
  refName,
  userSchema,
} from '../../connectors/huvr/schemas'

import type { SqlValue } from '../cache-writer'
export type { SqlValue }

/** How one HUVR list maps onto its cache table. */
export interface CollectionSpec<S extends z.ZodType = z.ZodType> {
  /** The cached kind, as `status` reports it. */
  kind: string
  path: string
  schema: S
  table: string
  /** The queryable columns extracted from a record; the record itself is stored whole. */
  columns(record: z.output<S>): Record<string, SqlValue>
  /** Whether the list can be asked for changes since an updated_on (assets and projects only). */
  incremental: boolean
  /** Whether the table has a full-text search index (`<table>_fts`). */
  searchable: boolean
}

function define<S extends z.ZodType>(spec: CollectionSpec<S>): CollectionSpec {
  return spec as unknown as CollectionSpec
}

const flag = (value: boolean | null | undefined): number | null =>
  value === null || value === undefined ? null : value ? 1 : 0

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null
  if (typeof value === 'object') return refName(value as { id: number; name?: string | null })
  return String(value)
}

export const ASSETS = define({
  kind: 'huvr.assets',
  path: '/api/assets/',
  schema: assetSchema,
  table: 'huvr_assets',
  incremental: true,
  searchable: true,
  columns: (asset) => ({
    name: asset.name,
    description: asset.description ?? null,
    type_name: refName(asset.type),
    parent_id:
      asset.parent === null || asset.parent === undefined
        ? null
        : typeof asset.parent === 'number'
          ? asset.parent
          : asset.parent.id,
    asset_path: asset.asset_path ?? null,
    external_id: asset.external_id ?? null,
    serial_number: asset.serial_number ?? null,
    is_active: flag(asset.is_active),
    updated_on: asset.updated_on ?? null,
  }),
})

export const PROJECTS = define({
  kind: 'huvr.projects',
  path: '/api/projects/',
  schema: projectSchema,
  table: 'huvr_projects',
  incremental: true,
  searchable: true,
  columns: (project) => ({
    name: project.name,
    asset_id: project.asset_id ?? refId(project.asset),
    asset_name: refName(project.asset),
    type_name: refName(project.type),
    status: project.status ?? null,
    priority: project.priority ?? null,
    start_on: project.start ?? null,
    end_on: project.end ?? null,
    updated_on: project.updated_on ?? null,
  }),
})

export const USERS = define({
  kind: 'huvr.users',
  path: '/api/users/',
  schema: userSchema,
  table: 'huvr_users',
  incremental: false,
  searchable: false,
  columns: (user) => ({ name: user.name ?? null, email: user.email ?? null }),
})

/** What a project marked available offline brings along, listed per project. */
export const MEDIA = define({
  kind: 'huvr.media',
  path: '/api/inspection-media/',
  schema: mediaSchema,
  table: 'huvr_media',
  incremental: false,
  searchable: false,
  columns: (media) => ({
    project_id: refId(media.project),
    name: media.name ?? null,
    state: media.state ?? null,
    media_type: media.media_type ?? null,
    captured_on: media.captured_on ?? null,
  }),
})

export const CHECKLISTS = define({
  kind: 'huvr.checklists',
  path: '/api/checklists/',
  schema: checklistSchema,
  table: 'huvr_checklists',
  incremental: false,
  searchable: false,
  columns: (checklist) => ({
    project_id: refId(checklist.project),
    name:
      typeof checklist.template === 'object' && checklist.template !== null
        ? (checklist.template.name ?? null)
        : null,
  }),
})

export const DEFECTS = define({
  kind: 'huvr.defects',
  path: '/api/defects/',
  schema: defectSchema,
  table: 'huvr_defects',
  incremental: false,
  searchable: false,
  columns: (defect) => ({
    project_id: refId(defect.project),
    severity: text(defect.severity),
    state: defect.state ?? null,
  }),
})

export const MEASUREMENTS = define({
  kind: 'huvr.measurements',
  path: '/api/measurements/',
  schema: measurementSchema,
  table: 'huvr_measurements',
  incremental: false,
  searchable: false,
  columns: (measurement) => ({
    project_id: refId(measurement.project),
    cml_name: text(measurement.cml),
  }),
})

export const TOP_LEVEL = [USERS, ASSETS, PROJECTS] as const
export const PROJECT_CHILDREN = [MEDIA, CHECKLISTS, DEFECTS, MEASUREMENTS] as const
