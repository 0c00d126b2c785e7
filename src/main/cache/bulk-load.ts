import type { Database } from 'better-sqlite3'

/**
 * The first sync of a large table (100,000 assets) loads into an empty table, where keeping the
 * secondary indexes and the FTS index up to date row by row costs more than the rows
 * themselves. For that load they are set aside (their definitions kept in the database, so a
 * crash mid-load loses nothing) and rebuilt in one pass at the end, several times faster.
 * Meanwhile, that table's text search finds nothing and its filters scan; it was empty anyway.
 */
export function beginBulkLoad(db: Database, table: string, options: { searchable: boolean }): void {
  db.transaction(() => {
    if (options.searchable)
      db.prepare('INSERT OR IGNORE INTO fts_deferred (table_name) VALUES (?)').run(table)
    // Only the indexes created by name: the UNIQUE key behind upserts (sql IS NULL) stays.
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
      )
      .all(table) as { name: string; sql: string }[]
    const keep = db.prepare(
      'INSERT OR IGNORE INTO deferred_indexes (name, table_name, sql) VALUES (?, ?, ?)',
    )
    for (const index of indexes) {
      keep.run(index.name, table, index.sql)
      db.exec(`DROP INDEX ${index.name}`)
    }
  })()
}

export function isBulkLoading(db: Database, table: string): boolean {
  const deferred = db
    .prepare(
      `SELECT 1 FROM fts_deferred WHERE table_name = ?
       UNION ALL SELECT 1 FROM deferred_indexes WHERE table_name = ? LIMIT 1`,
    )
    .get(table, table)
  return deferred !== undefined
}

/** Recreates what beginBulkLoad set aside and resumes row-by-row upkeep; call inside a transaction. */
export function endBulkLoad(db: Database, table: string): void {
  const indexes = db
    .prepare('SELECT name, sql FROM deferred_indexes WHERE table_name = ?')
    .all(table) as { name: string; sql: string }[]
  for (const index of indexes) db.exec(index.sql)
  db.prepare('DELETE FROM deferred_indexes WHERE table_name = ?').run(table)
  if (db.prepare('DELETE FROM fts_deferred WHERE table_name = ?').run(table).changes > 0) {
    db.exec(`INSERT INTO ${table}_fts (${table}_fts) VALUES ('rebuild')`)
  }
}
