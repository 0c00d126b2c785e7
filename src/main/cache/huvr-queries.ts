import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import type {
  AssetDetail,
  AssetRow,
  MediaRow,
  ProjectDetail,
  ProjectRow,
  projectSearchParamsSchema,
} from '../../shared/rpc/huvr-contract'
import { buildSearch, containsPattern } from './search'

type ProjectSearch = z.output<typeof projectSearchParamsSchema>
type Page<T> = { total: number; rows: T[] }

const ASSET_COLUMNS = `a.connection_id AS connectionId, a.remote_id AS id, a.name, a.type_name AS typeName,
  a.asset_path AS assetPath, a.external_id AS externalId, a.parent_id AS parentId, a.is_active AS isActive`

const PROJECT_COLUMNS = `p.connection_id AS connectionId, p.remote_id AS id, p.name, p.asset_id AS assetId,
  p.asset_name AS assetName, p.type_name AS typeName, p.status, p.priority, p.start_on AS startOn,
  p.end_on AS endOn, p.available_offline AS availableOffline`

type RawAsset = Omit<AssetRow, 'isActive'> & { isActive: number | null }
type RawProject = Omit<ProjectRow, 'availableOffline'> & { availableOffline: number }

const toAsset = (row: RawAsset): AssetRow => ({
  ...row,
  isActive: row.isActive === null ? null : row.isActive === 1,
})
const toProject = (row: RawProject): ProjectRow => ({
  ...row,
  availableOffline: row.availableOffline === 1,
})

/** WHERE clauses and their parameters, built up filter by filter. */
class Conditions {
  readonly clauses: string[] = []
  readonly params: unknown[] = []
  add(clause: string, ...params: unknown[]): void {
    this.clauses.push(clause)
    this.params.push(...params)
  }
  get where(): string {
    return this.clauses.length === 0 ? '' : `WHERE ${this.clauses.join(' AND ')}`
  }
}

/** Free-text search: FTS for words of three characters or more, LIKE on the name for shorter ones. */
function addTextSearch(
  conditions: Conditions,
  alias: string,
  ftsTable: string,
  query: string,
): void {
  const { match, shortTerms } = buildSearch(query)
  if (match !== null)
    conditions.add(
      `${alias}.local_id IN (SELECT rowid FROM ${ftsTable} WHERE ${ftsTable} MATCH ?)`,
      match,
    )
  for (const term of shortTerms)
    conditions.add(`${alias}.name LIKE ? ESCAPE '\\'`, containsPattern(term))
}

export function searchProjects(db: Database, params: ProjectSearch): Page<ProjectRow> {
  const conditions = new Conditions()
  addTextSearch(conditions, 'p', 'huvr_projects_fts', params.query)
  if (params.status !== undefined) conditions.add('p.status = ?', params.status)
  if (params.assetId !== undefined) conditions.add('p.asset_id = ?', params.assetId)
  if (params.connectionId !== undefined) conditions.add('p.connection_id = ?', params.connectionId)
  const total = db
    .prepare(`SELECT count(*) FROM huvr_projects p ${conditions.where}`)
    .pluck()
    .get(...conditions.params) as number
  const rows = db
    .prepare(
      `SELECT ${PROJECT_COLUMNS} FROM huvr_projects p ${conditions.where} ORDER BY p.name COLLATE NOCASE, p.local_id LIMIT ? OFFSET ?`,
    )
    .all(...conditions.params, params.limit, params.offset) as RawProject[]
  return { total, rows: rows.map(toProject) }
}

export function assetTypes(db: Database): string[] {
  return db
    .prepare(
      'SELECT DISTINCT type_name FROM huvr_assets WHERE type_name IS NOT NULL ORDER BY type_name',
    )
    .pluck()
    .all() as string[]
}

export function projectStatuses(db: Database): string[] {
  return db
    .prepare('SELECT DISTINCT status FROM huvr_projects WHERE status IS NOT NULL ORDER BY status')
    .pluck()
    .all() as string[]
}

const CHILD_LIMIT = 500

export function getAsset(db: Database, connectionId: string, id: number): AssetDetail | null {
  const found = db
    .prepare(
      `SELECT ${ASSET_COLUMNS}, a.data FROM huvr_assets a WHERE a.connection_id = ? AND a.remote_id = ?`,
    )
    .get(connectionId, id) as (RawAsset & { data: string }) | undefined
  if (!found) return null
  const { data, ...row } = found
  const parent =
    row.parentId === null
      ? undefined
      : (db
          .prepare(
            `SELECT ${ASSET_COLUMNS} FROM huvr_assets a WHERE a.connection_id = ? AND a.remote_id = ?`,
          )
          .get(connectionId, row.parentId) as RawAsset | undefined)
  const children = db
    .prepare(
      `SELECT ${ASSET_COLUMNS} FROM huvr_assets a WHERE a.connection_id = ? AND a.parent_id = ? ORDER BY a.name COLLATE NOCASE LIMIT ${CHILD_LIMIT}`,
    )
    .all(connectionId, id) as RawAsset[]
  const projects = db
    .prepare(
      `SELECT ${PROJECT_COLUMNS} FROM huvr_projects p WHERE p.connection_id = ? AND p.asset_id = ? ORDER BY p.name COLLATE NOCASE LIMIT ${CHILD_LIMIT}`,
    )
    .all(connectionId, id) as RawProject[]
  return {
    row: toAsset(row),
    record: JSON.parse(data) as Record<string, unknown>,
    parent: parent ? toAsset(parent) : null,
    children: children.map(toAsset),
    projects: projects.map(toProject),
  }
}

export function getProjectRow(db: Database, connectionId: string, id: number): ProjectRow | null {
  const row = db
    .prepare(
      `SELECT ${PROJECT_COLUMNS} FROM huvr_projects p WHERE p.connection_id = ? AND p.remote_id = ?`,
    )
    .get(connectionId, id) as RawProject | undefined
  return row ? toProject(row) : null
}

export function getProject(db: Database, connectionId: string, id: number): ProjectDetail | null {
  const row = getProjectRow(db, connectionId, id)
  if (!row) return null
  const data = db
    .prepare('SELECT data FROM huvr_projects WHERE connection_id = ? AND remote_id = ?')
    .pluck()
    .get(connectionId, id) as string
  const media = db
    .prepare(
      `SELECT connection_id AS connectionId, remote_id AS id, name, state, media_type AS mediaType,
              captured_on AS capturedOn, thumbnail_sha256 AS thumbnailSha256
       FROM huvr_media WHERE connection_id = ? AND project_id = ? ORDER BY captured_on, remote_id`,
    )
    .all(connectionId, id) as MediaRow[]
  const children = (table: string) =>
    (
      db
        .prepare(
          `SELECT connection_id AS connectionId, remote_id AS id, data FROM ${table} WHERE connection_id = ? AND project_id = ? ORDER BY remote_id`,
        )
        .all(connectionId, id) as { connectionId: string; id: number; data: string }[]
    ).map(({ data: json, ...ref }) => ({
      ...ref,
      record: JSON.parse(json) as Record<string, unknown>,
    }))
  return {
    row,
    record: JSON.parse(data) as Record<string, unknown>,
    media,
    checklists: children('huvr_checklists'),
    defects: children('huvr_defects'),
    measurements: children('huvr_measurements'),
  }
}

export function setProjectAvailableOffline(
  db: Database,
  connectionId: string,
  id: number,
  available: boolean,
): ProjectRow | null {
  db.prepare(
    'UPDATE huvr_projects SET available_offline = ? WHERE connection_id = ? AND remote_id = ?',
  ).run(available ? 1 : 0, connectionId, id)
  return getProjectRow(db, connectionId, id)
}
