import type { Database } from 'better-sqlite3'
import { kindOfTable, type Data, type KindSpec } from './kinds'
import { prepared } from './statements'

/** A cached record as the outbox sees it: the server's copy and where it lives. */
export interface LocalRecord {
  id: string
  data: Data
  /** e.g. a TransAM document's asset key; null when the kind needs none. */
  scope: string | null
}

export const bindId = (spec: KindSpec, id: string): string | number =>
  spec.integerIds ? Number(id) : id

export function readLocal(
  db: Database,
  spec: KindSpec,
  connectionId: string,
  id: string,
): LocalRecord | null {
  const scope = spec.scopeColumn ?? 'NULL'
  const row = prepared(
    db,
    `SELECT data, ${scope} AS scope FROM ${spec.table} WHERE connection_id = ? AND remote_id = ?`,
  ).get(connectionId, bindId(spec, id)) as { data: string; scope: string | null } | undefined
  return row ? { id, data: JSON.parse(row.data) as Data, scope: row.scope } : null
}

/**
 * Writes a record's server copy (or, for one created here, its local shape) and those of its
 * columns that changed: setting a searched column, even to the same value, re-indexes the row.
 */
export function writeLocal(
  db: Database,
  spec: KindSpec,
  connectionId: string,
  id: string,
  data: Data,
  syncedAt: number,
): void {
  const columns = spec.columns(data)
  const names = Object.keys(columns)
  const current = prepared(
    db,
    `SELECT ${names.join(', ')} FROM ${spec.table} WHERE connection_id = ? AND remote_id = ?`,
  ).get(connectionId, bindId(spec, id)) as Record<string, unknown> | undefined
  if (current) {
    const changed = names.filter((c) => (columns[c] ?? null) !== current[c])
    const assignments = [...changed.map((c) => `${c} = ?`), 'data = ?', 'synced_at = ?']
    prepared(
      db,
      `UPDATE ${spec.table} SET ${assignments.join(', ')} WHERE connection_id = ? AND remote_id = ?`,
    ).run(
      ...changed.map((c) => columns[c] ?? null),
      JSON.stringify(data),
      syncedAt,
      connectionId,
      bindId(spec, id),
    )
    return
  }
  const all = ['connection_id', 'remote_id', ...names, 'data', 'synced_at']
  prepared(
    db,
    `INSERT INTO ${spec.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})`,
  ).run(
    connectionId,
    bindId(spec, id),
    ...names.map((c) => columns[c] ?? null),
    JSON.stringify(data),
    syncedAt,
  )
}

export function deleteLocal(db: Database, spec: KindSpec, connectionId: string, id: string): void {
  prepared(db, `DELETE FROM ${spec.table} WHERE connection_id = ? AND remote_id = ?`).run(
    connectionId,
    bindId(spec, id),
  )
}

/** The next id for a record created here: negative, from a counter, so never a server's. */
export function nextLocalId(db: Database): string {
  const value = db
    .prepare(
      `INSERT INTO counters (name, value) VALUES ('local_id', -1)
       ON CONFLICT (name) DO UPDATE SET value = value - 1 RETURNING value`,
    )
    .pluck()
    .get() as number
  return String(value)
}

export const isLocalId = (id: string): boolean => id.startsWith('-')

/**
 * A WHERE clause (starting with AND) that keeps a pull's deletion away from records edited or
 * created here: a record deleted on the server while edited is a conflict for the push to show,
 * and one created here is not on the server yet.
 */
export function sparingLocalEdits(table: string): string {
  const spec = kindOfTable(table)
  if (spec === undefined) return ''
  const local = spec.integerIds ? `AND ${table}.remote_id > 0` : ''
  return `${local} AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.connection_id = ${table}.connection_id
    AND o.entity_kind = '${spec.kind}' AND o.entity_id = CAST(${table}.remote_id AS TEXT))`
}
