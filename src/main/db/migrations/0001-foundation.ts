import type { Migration } from './types'

/**
 * Connections to remote systems (secrets live in the secret store, keyed by connection id),
 * the outbox of local edits waiting to be pushed, and the upload queue. Later migrations add
 * the cached kinds and extend these tables.
 */
export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        system TEXT NOT NULL CHECK (system IN ('huvr', 'transam', 'navirec', 'valtronics', 'credo')),
        name TEXT NOT NULL,
        base_url TEXT NOT NULL,
        config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
        state TEXT NOT NULL DEFAULT 'unknown',
        last_sync_at INTEGER,
        created_at INTEGER NOT NULL
      ) STRICT;

      -- Local order comes from the rowid counter, never from the wall clock.
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        entity_kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
        payload TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
        state TEXT NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'in-flight', 'failed', 'conflict', 'done')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX outbox_by_state ON outbox(state, id);
      CREATE INDEX outbox_by_entity ON outbox(entity_kind, entity_id);

      CREATE TABLE upload_jobs (
        id INTEGER PRIMARY KEY,
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        target_kind TEXT NOT NULL,
        target_id TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        filename TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        state TEXT NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'running', 'paused', 'failed', 'done', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        bytes_confirmed INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        remote_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (connection_id, target_kind, target_id, content_sha256)
      ) STRICT;
      CREATE INDEX upload_jobs_by_state ON upload_jobs(state, next_attempt_at);
    `)
  },
}
