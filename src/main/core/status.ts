import type { Database } from 'better-sqlite3'
import type { AppStatus } from '../../shared/rpc/contract'
import { listConnections } from '../connections/store'
import { schemaVersion } from '../db/database'

/**
 * Cached kinds and the tables that hold them. Each connector's migration adds its kinds here
 * so `status` reports them without knowing about any system.
 */
export const CACHED_KINDS: readonly { kind: string; table: string }[] = [
  { kind: 'huvr.assets', table: 'huvr_assets' },
  { kind: 'huvr.projects', table: 'huvr_projects' },
  { kind: 'huvr.users', table: 'huvr_users' },
  { kind: 'huvr.media', table: 'huvr_media' },
  { kind: 'huvr.checklists', table: 'huvr_checklists' },
  { kind: 'huvr.defects', table: 'huvr_defects' },
  { kind: 'huvr.measurements', table: 'huvr_measurements' },
  { kind: 'transam.organizations', table: 'transam_organizations' },
  { kind: 'transam.users', table: 'transam_users' },
  { kind: 'transam.assets', table: 'transam_assets' },
  { kind: 'transam.documents', table: 'transam_documents' },
]

function countByState(db: Database, table: 'outbox' | 'upload_jobs'): AppStatus['outbox'] {
  const rows = db.prepare(`SELECT state, count(*) AS n FROM ${table} GROUP BY state`).all() as {
    state: string
    n: number
  }[]
  const byState = Object.fromEntries(rows.map((row) => [row.state, row.n]))
  return { total: rows.reduce((sum, row) => sum + row.n, 0), byState }
}

export function readStatus(db: Database, dataDir: string): AppStatus {
  const counts: Record<string, number> = {}
  for (const { kind, table } of CACHED_KINDS) {
    counts[kind] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  }
  return {
    schemaVersion: schemaVersion(db),
    dataDir,
    counts,
    outbox: countByState(db, 'outbox'),
    uploads: countByState(db, 'upload_jobs'),
    connections: listConnections(db),
  }
}
