import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import type {
  UnifiedAssetRow,
  unifiedAssetSearchParamsSchema,
} from '../../shared/rpc/transam-contract'
import { buildSearch, containsPattern } from './search'

type UnifiedSearch = z.output<typeof unifiedAssetSearchParamsSchema>

/** WHERE clauses of one arm of the union, with their parameters. */
interface Arm {
  clauses: string[]
  params: unknown[]
}

function textConditions(
  arm: Arm,
  alias: string,
  ftsTable: string,
  nameExpression: string,
  query: string,
): void {
  const { match, shortTerms } = buildSearch(query)
  if (match !== null) {
    arm.clauses.push(
      `${alias}.local_id IN (SELECT rowid FROM ${ftsTable} WHERE ${ftsTable} MATCH ?)`,
    )
    arm.params.push(match)
  }
  for (const term of shortTerms) {
    arm.clauses.push(`${nameExpression} LIKE ? ESCAPE '\\'`)
    arm.params.push(containsPattern(term))
  }
}

const where = (arm: Arm) => (arm.clauses.length === 0 ? '' : `WHERE ${arm.clauses.join(' AND ')}`)

/** The name a TransAM asset is listed by: its description, else its tag, else its key. */
const TRANSAM_NAME = 'coalesce(t.description, t.asset_tag, t.remote_id)'

/**
 * HUVR and TransAM assets in one list, ordered by name. Each arm reads its table in name order
 * through an index and SQLite merges the two, so a page deep in 100,000 rows needs no sort.
 * HUVR-only filters (the hierarchy) leave TransAM out.
 */
export function searchUnifiedAssets(
  db: Database,
  params: UnifiedSearch,
): { total: number; rows: UnifiedAssetRow[] } {
  const huvr: Arm = { clauses: [], params: [] }
  const transam: Arm = { clauses: [], params: [] }
  textConditions(huvr, 'a', 'huvr_assets_fts', 'a.name', params.query)
  textConditions(transam, 't', 'transam_assets_fts', TRANSAM_NAME, params.query)
  if (params.type !== undefined) {
    huvr.clauses.push('a.type_name = ?')
    huvr.params.push(params.type)
    transam.clauses.push('t.type_name = ?')
    transam.params.push(params.type)
  }
  if (params.connectionId !== undefined) {
    huvr.clauses.push('a.connection_id = ?')
    huvr.params.push(params.connectionId)
    transam.clauses.push('t.connection_id = ?')
    transam.params.push(params.connectionId)
  }
  if (params.parentId === null) huvr.clauses.push('a.parent_id IS NULL')
  else if (params.parentId !== undefined) {
    huvr.clauses.push('a.parent_id = ?')
    huvr.params.push(params.parentId)
  }
  const withHuvr = params.source !== 'transam'
  const withTransam = params.source !== 'huvr' && params.parentId === undefined

  // Page through (source, local_id) only: both index scans cover that, so skipping to a deep
  // offset reads no table rows. The 100 rows of the page are then read whole.
  const huvrKeys = `SELECT 'huvr' AS source, a.name AS name, a.local_id AS localId FROM huvr_assets a ${where(huvr)}`
  const transamKeys = `SELECT 'transam' AS source, ${TRANSAM_NAME} AS name, t.local_id AS localId FROM transam_assets t ${where(transam)}`
  const arms = [
    ...(withHuvr ? [{ sql: huvrKeys, arm: huvr }] : []),
    ...(withTransam ? [{ sql: transamKeys, arm: transam }] : []),
  ]
  if (arms.length === 0) return { total: 0, rows: [] }

  const total = arms.reduce(
    (sum, { sql, arm }) =>
      sum +
      (db
        .prepare(`SELECT count(*) FROM (${sql})`)
        .pluck()
        .get(...arm.params) as number),
    0,
  )
  const page = db
    .prepare(
      `${arms.map(({ sql }) => sql).join(' UNION ALL ')} ORDER BY name COLLATE NOCASE, localId LIMIT ? OFFSET ?`,
    )
    .all(...arms.flatMap(({ arm }) => arm.params), params.limit, params.offset) as {
    source: 'huvr' | 'transam'
    localId: number
  }[]
  const rows = readRows(db, page)
  const linked = confirmedKeys(db, rows)
  return {
    total,
    rows: rows.map((row) => ({
      ...row,
      linked: linked.has(`${row.source}/${row.connectionId}/${row.key}`),
    })),
  }
}

/** The full rows of a page, in the page's order. */
function readRows(
  db: Database,
  page: { source: 'huvr' | 'transam'; localId: number }[],
): Omit<UnifiedAssetRow, 'linked'>[] {
  const ids = (source: string) =>
    JSON.stringify(page.filter((entry) => entry.source === source).map((entry) => entry.localId))
  const huvrRows = db
    .prepare(
      `SELECT a.local_id AS localId, 'huvr' AS source, a.connection_id AS connectionId, CAST(a.remote_id AS TEXT) AS key,
         a.name AS name, a.type_name AS typeName, a.asset_path AS location, a.external_id AS externalId, NULL AS assetTag
       FROM huvr_assets a WHERE a.local_id IN (SELECT value FROM json_each(?))`,
    )
    .all(ids('huvr')) as (Omit<UnifiedAssetRow, 'linked'> & { localId: number })[]
  const transamRows = db
    .prepare(
      `SELECT t.local_id AS localId, 'transam' AS source, t.connection_id AS connectionId, t.remote_id AS key,
         ${TRANSAM_NAME} AS name, t.type_name AS typeName, t.organization AS location, t.external_id AS externalId,
         t.asset_tag AS assetTag
       FROM transam_assets t WHERE t.local_id IN (SELECT value FROM json_each(?))`,
    )
    .all(ids('transam')) as (Omit<UnifiedAssetRow, 'linked'> & { localId: number })[]
  const bySourceAndId = new Map(
    [...huvrRows, ...transamRows].map((row) => [`${row.source}/${row.localId}`, row]),
  )
  return page.flatMap((entry) => {
    const found = bySourceAndId.get(`${entry.source}/${entry.localId}`)
    if (!found) return []
    const { localId: _localId, ...row } = found
    return [row]
  })
}

/** Which rows of a page have a confirmed twin in the other system (looked up for the page only). */
function confirmedKeys(
  db: Database,
  rows: { source: string; connectionId: string; key: string }[],
): Set<string> {
  const huvrLinked = db.prepare(
    "SELECT 1 FROM asset_links WHERE huvr_connection_id = ? AND huvr_id = ? AND decision = 'confirmed' LIMIT 1",
  )
  const transamLinked = db.prepare(
    "SELECT 1 FROM asset_links WHERE transam_connection_id = ? AND transam_key = ? AND decision = 'confirmed' LIMIT 1",
  )
  const keys = new Set<string>()
  for (const row of rows) {
    const found =
      row.source === 'huvr'
        ? huvrLinked.get(row.connectionId, Number(row.key))
        : transamLinked.get(row.connectionId, row.key)
    if (found !== undefined) keys.add(`${row.source}/${row.connectionId}/${row.key}`)
  }
  return keys
}
