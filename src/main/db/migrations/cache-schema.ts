// Table shapes shared by the cache migrations. A released migration must keep producing the same
// schema, so these helpers change only by adding options, never by altering what they emit.

/** One cached collection: the server's copy in `data` (unknown fields kept), plus the columns we query. */
export function cacheTable(
  name: string,
  columns: string,
  remoteIdType: 'INTEGER' | 'TEXT' = 'INTEGER',
): string {
  return `
    CREATE TABLE ${name} (
      local_id INTEGER PRIMARY KEY,
      connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
      remote_id ${remoteIdType} NOT NULL,
      ${columns},
      data TEXT NOT NULL CHECK (json_valid(data)),
      synced_at INTEGER NOT NULL,
      UNIQUE (connection_id, remote_id)
    ) STRICT;`
}

/**
 * Keeps an external-content FTS5 index in step with its table. The update trigger fires only
 * when a searched column is written, so touching synced_at on an unchanged row costs no FTS work.
 * While a table is listed in fts_deferred (the first bulk load), the triggers stand aside and the
 * index is rebuilt in one pass at the end: several times faster than row by row.
 */
export function ftsTriggers(table: string, columns: string[]): string {
  const list = columns.join(', ')
  const fresh = columns.map((c) => `new.${c}`).join(', ')
  const stale = columns.map((c) => `old.${c}`).join(', ')
  const live = `WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE table_name = '${table}')`
  return `
    CREATE TRIGGER ${table}_fts_insert AFTER INSERT ON ${table} ${live} BEGIN
      INSERT INTO ${table}_fts (rowid, ${list}) VALUES (new.local_id, ${fresh});
    END;
    CREATE TRIGGER ${table}_fts_delete AFTER DELETE ON ${table} ${live} BEGIN
      INSERT INTO ${table}_fts (${table}_fts, rowid, ${list}) VALUES ('delete', old.local_id, ${stale});
    END;
    CREATE TRIGGER ${table}_fts_update AFTER UPDATE OF ${list} ON ${table} ${live} BEGIN
      INSERT INTO ${table}_fts (${table}_fts, rowid, ${list}) VALUES ('delete', old.local_id, ${stale});
      INSERT INTO ${table}_fts (rowid, ${list}) VALUES (new.local_id, ${fresh});
    END;`
}
