import { cacheTable, ftsTriggers } from './cache-schema'
import type { Migration } from './types'

const ASSET_SEARCH_COLUMNS = ['name', 'description', 'asset_path', 'external_id', 'type_name']
const PROJECT_SEARCH_COLUMNS = ['name', 'asset_name', 'type_name', 'status']

/**
 * The HUVR offline cache: assets and projects in full, users, and for projects marked
 * available offline their media, checklists, defects and measurements. Search is FTS5 with the
 * trigram tokenizer, so any part of a name (three characters or more) finds it.
 */
export const huvrCache: Migration = {
  version: 2,
  name: 'huvr-cache',
  up(db) {
    db.exec(`
      -- Search indexes being bulk-loaded: their triggers pause until the index is rebuilt.
      CREATE TABLE fts_deferred (table_name TEXT PRIMARY KEY) STRICT;

      ${cacheTable(
        'huvr_assets',
        `name TEXT NOT NULL,
        description TEXT,
        type_name TEXT,
        parent_id INTEGER,
        asset_path TEXT,
        external_id TEXT,
        serial_number TEXT,
        is_active INTEGER,
        updated_on TEXT`,
      )}
      CREATE INDEX huvr_assets_by_name ON huvr_assets(name COLLATE NOCASE, local_id);
      CREATE INDEX huvr_assets_by_parent ON huvr_assets(connection_id, parent_id);
      CREATE INDEX huvr_assets_by_type ON huvr_assets(type_name, name COLLATE NOCASE);
      CREATE VIRTUAL TABLE huvr_assets_fts USING fts5(
        ${ASSET_SEARCH_COLUMNS.join(', ')},
        content='huvr_assets', content_rowid='local_id', tokenize='trigram'
      );
      ${ftsTriggers('huvr_assets', ASSET_SEARCH_COLUMNS)}

      ${cacheTable(
        'huvr_projects',
        `name TEXT NOT NULL,
        asset_id INTEGER,
        asset_name TEXT,
        type_name TEXT,
        status TEXT,
        priority TEXT,
        start_on TEXT,
        end_on TEXT,
        updated_on TEXT,
        available_offline INTEGER NOT NULL DEFAULT 0`,
      )}
      CREATE INDEX huvr_projects_by_name ON huvr_projects(name COLLATE NOCASE, local_id);
      CREATE INDEX huvr_projects_by_asset ON huvr_projects(connection_id, asset_id);
      CREATE INDEX huvr_projects_by_status ON huvr_projects(status, name COLLATE NOCASE);
      CREATE INDEX huvr_projects_offline ON huvr_projects(connection_id) WHERE available_offline = 1;
      CREATE VIRTUAL TABLE huvr_projects_fts USING fts5(
        ${PROJECT_SEARCH_COLUMNS.join(', ')},
        content='huvr_projects', content_rowid='local_id', tokenize='trigram'
      );
      ${ftsTriggers('huvr_projects', PROJECT_SEARCH_COLUMNS)}

      ${cacheTable('huvr_users', 'name TEXT, email TEXT')}

      ${cacheTable(
        'huvr_media',
        `project_id INTEGER,
        name TEXT,
        state TEXT,
        media_type TEXT,
        captured_on TEXT,
        thumbnail_sha256 TEXT`,
      )}
      CREATE INDEX huvr_media_by_project ON huvr_media(connection_id, project_id);

      ${cacheTable('huvr_checklists', 'project_id INTEGER, name TEXT')}
      CREATE INDEX huvr_checklists_by_project ON huvr_checklists(connection_id, project_id);

      ${cacheTable('huvr_defects', 'project_id INTEGER, severity TEXT, state TEXT')}
      CREATE INDEX huvr_defects_by_project ON huvr_defects(connection_id, project_id);

      ${cacheTable('huvr_measurements', 'project_id INTEGER, cml_name TEXT')}
      CREATE INDEX huvr_measurements_by_project ON huvr_measurements(connection_id, project_id);

      -- Where each collection's pull stands, so a killed sync resumes after its last committed page.
      CREATE TABLE sync_cursors (
        connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        collection TEXT NOT NULL,
        -- 'full' crawls everything (and then finds remote deletions); 'incremental' asks for changes since.
        mode TEXT CHECK (mode IN ('full', 'incremental')),
        -- The next page of the pull in progress; null when none is in progress.
        next_url TEXT,
        -- When the full crawl in progress started: rows it has not touched by the end are deletion candidates.
        run_started_at INTEGER,
        -- The highest updated_on seen by the pull in progress, and by the last completed one.
        pending_since TEXT,
        since TEXT,
        last_full_at INTEGER,
        PRIMARY KEY (connection_id, collection)
      ) STRICT;

      -- Content-addressed local files (thumbnails now; imported photos later), stored by sha256.
      CREATE TABLE local_files (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT,
        created_at INTEGER NOT NULL
      ) STRICT;
    `)
  },
}
