import type { Database, Statement } from 'better-sqlite3'
import type { CollectionSpec, SqlValue } from './collections'

export interface WriteCounts {
  created: number
  updated: number
}

/**
 * Writes server records into one cache table. A record whose JSON is unchanged only has its
 * synced_at touched (no FTS work); a changed or new one is upserted whole, unknown fields kept.
 */
export class CacheWriter {
  readonly #db: Database
  readonly #table: string
  readonly #touch: Statement
  readonly #exists: Statement
  #upsert: { statement: Statement; columns: string[] } | null = null

  constructor(db: Database, spec: CollectionSpec) {
    this.#db = db
    this.#table = spec.table
    this.#touch = db.prepare(
      `UPDATE ${spec.table} SET synced_at = ? WHERE connection_id = ? AND remote_id = ? AND data = ?`,
    )
    this.#exists = db
      .prepare(`SELECT 1 FROM ${spec.table} WHERE connection_id = ? AND remote_id = ?`)
      .pluck()
  }

  /** Call inside a transaction. */
  write(
    connectionId: string,
    remoteId: number,
    columns: Record<string, SqlValue>,
    data: string,
    syncedAt: number,
    counts: WriteCounts,
  ): void {
    if (this.#touch.run(syncedAt, connectionId, remoteId, data).changes === 1) return
    const existed = this.#exists.get(connectionId, remoteId) !== undefined
    const upsert = (this.#upsert ??= this.#prepareUpsert(Object.keys(columns)))
    upsert.statement.run(
      connectionId,
      remoteId,
      ...upsert.columns.map((c) => columns[c] ?? null),
      data,
      syncedAt,
    )
    if (existed) counts.updated++
    else counts.created++
  }

  /** Prepared on first use, from the column names the collection's mapping produces. */
  #prepareUpsert(columns: string[]): { statement: Statement; columns: string[] } {
    const all = ['connection_id', 'remote_id', ...columns, 'data', 'synced_at']
    const statement = this.#db.prepare(
      `INSERT INTO ${this.#table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
       ON CONFLICT (connection_id, remote_id) DO UPDATE SET
       ${[...columns, 'data', 'synced_at'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
    )
    return { statement, columns }
  }
}
