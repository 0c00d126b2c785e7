import type { Database, Statement } from 'better-sqlite3'
/** A value bound to a cache column. */
export type SqlValue = string | number | null

export interface WriteCounts {
  created: number
  updated: number
}

interface Prepared {
  statement: Statement
  columns: string[]
}

/**
 * Writes server records into one cache table: a new record is inserted, an unchanged one only
 * has its synced_at touched (no FTS work), a changed one is replaced whole, unknown fields kept.
 */
export class CacheWriter {
  readonly #db: Database
  readonly #table: string
  readonly #touch: Statement
  #insert: Prepared | null = null
  #upsert: Prepared | null = null

  constructor(db: Database, table: string) {
    this.#db = db
    this.#table = table
    this.#touch = db.prepare(
      `UPDATE ${table} SET synced_at = ? WHERE connection_id = ? AND remote_id = ? AND data = ?`,
    )
  }

  /** Call inside a transaction. */
  write(
    connectionId: string,
    remoteId: number | string,
    columns: Record<string, SqlValue>,
    data: string,
    syncedAt: number,
    counts: WriteCounts,
  ): void {
    const values = (names: string[]) => [
      connectionId,
      remoteId,
      ...names.map((c) => columns[c] ?? null),
      data,
      syncedAt,
    ]
    // New records (all of them on a first sync) take one statement; known ones fall through.
    const insert = (this.#insert ??= this.#prepare(Object.keys(columns), 'insert'))
    if (insert.statement.run(...values(insert.columns)).changes === 1) {
      counts.created++
      return
    }
    if (this.#touch.run(syncedAt, connectionId, remoteId, data).changes === 1) return
    const upsert = (this.#upsert ??= this.#prepare(Object.keys(columns), 'replace'))
    upsert.statement.run(...values(upsert.columns))
    counts.updated++
  }

  /** Prepared on first use, from the column names the collection's mapping produces. */
  #prepare(columns: string[], onConflict: 'insert' | 'replace'): Prepared {
    const all = ['connection_id', 'remote_id', ...columns, 'data', 'synced_at']
    const update = [...columns, 'data', 'synced_at'].map((c) => `${c} = excluded.${c}`).join(', ')
    const statement = this.#db.prepare(
      `INSERT INTO ${this.#table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
       ON CONFLICT (connection_id, remote_id) ${onConflict === 'insert' ? 'DO NOTHING' : `DO UPDATE SET ${update}`}`,
    )
    return { statement, columns }
  }
}
