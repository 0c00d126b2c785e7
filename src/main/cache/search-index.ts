import type { Database } from 'better-sqlite3'

/**
 * A table's FTS index can be paused for a bulk load (the first sync of 100,000 assets) and
 * rebuilt in one pass afterwards, which is several times faster than maintaining it row by row.
 * While paused, text search finds nothing in that table; listing and filters still work.
 */
export function deferSearchIndex(db: Database, table: string): void {
  db.prepare('INSERT OR IGNORE INTO fts_deferred (table_name) VALUES (?)').run(table)
}

export function isSearchIndexDeferred(db: Database, table: string): boolean {
  return db.prepare('SELECT 1 FROM fts_deferred WHERE table_name = ?').get(table) !== undefined
}

/** Rebuilds the index from the table and resumes row-by-row upkeep; call inside a transaction. */
export function rebuildSearchIndex(db: Database, table: string): void {
  db.prepare('DELETE FROM fts_deferred WHERE table_name = ?').run(table)
  db.exec(`INSERT INTO ${table}_fts (${table}_fts) VALUES ('rebuild')`)
}
