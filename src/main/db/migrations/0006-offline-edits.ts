import { cacheTable } from './cache-schema'
import type { Migration } from './types'

/**
 * Offline editing. The outbox (from the foundation) gains what a three-way merge needs: the
 * server's value of each changed field when editing began (`base`), the conflicts found on
 * push and the server's messages per field. A per-record history keeps every local edit and
 * sync outcome. Local ids for records created offline come from a counter, never the clock.
 * CMLs and the defect-profile / project-type lookups come along so forms work offline, and
 * photos linked to defects here wait in huvr_overlays.
 */
export const offlineEdits: Migration = {
  version: 6,
  name: 'offline-edits',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN base TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(base));
      ALTER TABLE outbox ADD COLUMN conflicts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(conflicts));
      ALTER TABLE outbox ADD COLUMN field_errors TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(field_errors));
      DROP INDEX outbox_by_entity;
      CREATE INDEX outbox_by_record ON outbox(connection_id, entity_kind, entity_id, id);
      -- The status bar's counts, after every edit.
      CREATE INDEX outbox_by_connection_state ON outbox(connection_id, state);

      CREATE TABLE record_history (
        seq INTEGER PRIMARY KEY,
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        entity_kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL,
        fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields))
      ) STRICT;
      CREATE INDEX record_history_by_record ON record_history(connection_id, entity_kind, entity_id, seq);

      -- Which server record each offline create became: a create whose answer was lost is
      -- matched on the server later, and must not claim a record another create already has.
      CREATE TABLE remote_creations (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        entity_kind TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        local_id TEXT NOT NULL,
        PRIMARY KEY (connection_id, entity_kind, remote_id)
      ) STRICT;

      -- Outbox items the inspector discarded, kept whole so Undo can put them back.
      CREATE TABLE discarded_edits (
        id INTEGER PRIMARY KEY,
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        discarded_at INTEGER NOT NULL,
        snapshot TEXT NOT NULL CHECK (json_valid(snapshot))
      ) STRICT;

      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;

      -- Photos linked to defects here (HUVR's media overlays), until the server's media carry them.
      ${cacheTable('huvr_overlays', 'media_id INTEGER, defect_id INTEGER')}
      CREATE INDEX huvr_overlays_by_defect ON huvr_overlays(connection_id, defect_id);

      ${cacheTable('huvr_cmls', 'asset_id INTEGER, name TEXT')}
      CREATE INDEX huvr_cmls_by_asset ON huvr_cmls(connection_id, asset_id, name);

      CREATE TABLE huvr_lookups (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        remote_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data)),
        synced_at INTEGER NOT NULL,
        PRIMARY KEY (connection_id, kind, remote_id)
      ) STRICT;
    `)
  },
}
