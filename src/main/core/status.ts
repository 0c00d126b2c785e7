import type { Database } from 'better-sqlite3'
import type { AppStatus, ConnectionSummary } from '../../shared/rpc/contract'
import { connectionSummarySchema } from '../../shared/rpc/contract'
import { schemaVersion } from '../db/database'

/**
 * Cached kinds and the tables that hold them. Each connector's migration adds its kinds here
 * so `status` reports them without knowing about any system.
 */
export const CACHED_KINDS: readonly { kind: string; table: string }[] = []

function countByState(db: Database, table: 'outbox' | 'upload_jobs'): AppStatus['outbox'] {
  const rows = db.prepare(`SELECT state, count(*) AS n FROM ${table} GROUP BY state`).all() as {
    state: string
    n: number
  }[]
  const byState = Object.fromEntries(rows.map((row) => [row.state, row.n]))
  return { total: rows.reduce((sum, row) => sum + row.n, 0), byState }
}

function listConnections(db: Database): ConnectionSummary[] {
  const rows = db
    .prepare(
      `SELECT id, system, name, base_url AS baseUrl, state, last_sync_at AS lastSyncAt
       FROM connections ORDER BY name`,
    )
    .all()
  return rows.map((row) => connectionSummarySchema.parse(row))
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
