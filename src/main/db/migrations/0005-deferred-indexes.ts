import type { Migration } from './types'

/** Indexes set aside during a table's first bulk load, kept so a crash mid-load can restore them. */
export const deferredIndexes: Migration = {
  version: 5,
  name: 'deferred-indexes',
  up(db) {
    db.exec(`
      CREATE TABLE deferred_indexes (
        name TEXT PRIMARY KEY,
        table_name TEXT NOT NULL,
        sql TEXT NOT NULL
      ) STRICT;
    `)
  },
}
