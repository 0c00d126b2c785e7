import { cacheTable, ftsTriggers } from './cache-schema'
import type { Migration } from './types'

const TRANSAM_ASSET_SEARCH_COLUMNS = [
  'description',
  'asset_tag',
  'external_id',
  'type_name',
  'organization',
]

/**
 * The TransAM cache (organizations, users, assets by object_key, each asset's documents with a
 * local copy once downloaded) and the links an inspector confirms or rejects between HUVR and
 * TransAM assets. Link matching compares tags, ids and serials case-insensitively, so those get
 * indexes on both sides.
 */
export const transamCache: Migration = {
  version: 3,
  name: 'transam-cache',
  up(db) {
    db.exec(`
      ${cacheTable('transam_organizations', 'name TEXT, short_name TEXT')}
      ${cacheTable('transam_users', 'name TEXT, email TEXT, organization_id INTEGER')}

      ${cacheTable(
        'transam_assets',
        `description TEXT,
        asset_tag TEXT,
        external_id TEXT,
        serial_number TEXT,
        type_name TEXT,
        subtype_name TEXT,
        organization TEXT,
        in_service_date TEXT,
        available_offline INTEGER NOT NULL DEFAULT 0`,
        'TEXT',
      )}
      CREATE INDEX transam_assets_by_name ON transam_assets(coalesce(description, asset_tag, remote_id) COLLATE NOCASE, local_id);
      CREATE INDEX transam_assets_by_tag ON transam_assets(asset_tag COLLATE NOCASE) WHERE asset_tag IS NOT NULL;
      CREATE INDEX transam_assets_by_external_id ON transam_assets(external_id COLLATE NOCASE) WHERE external_id IS NOT NULL;
      CREATE INDEX transam_assets_by_serial ON transam_assets(serial_number COLLATE NOCASE) WHERE serial_number IS NOT NULL;
      CREATE VIRTUAL TABLE transam_assets_fts USING fts5(
        ${TRANSAM_ASSET_SEARCH_COLUMNS.join(', ')},
        content='transam_assets', content_rowid='local_id', tokenize='trigram'
      );
      ${ftsTriggers('transam_assets', TRANSAM_ASSET_SEARCH_COLUMNS)}

      ${cacheTable(
        'transam_documents',
        `asset_key TEXT NOT NULL,
        description TEXT,
        filename TEXT,
        size INTEGER,
        file_sha256 TEXT`,
        'TEXT',
      )}
      CREATE INDEX transam_documents_by_asset ON transam_documents(connection_id, asset_key);

      -- HUVR names match through huvr_assets_by_name (name COLLATE NOCASE); ids and serials need
      -- their own, partial, so the assets without one cost nothing on a 100,000-asset sync.
      CREATE INDEX huvr_assets_by_external_id ON huvr_assets(external_id COLLATE NOCASE) WHERE external_id IS NOT NULL;
      CREATE INDEX huvr_assets_by_serial ON huvr_assets(serial_number COLLATE NOCASE) WHERE serial_number IS NOT NULL;

      CREATE TABLE asset_links (
        huvr_connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        huvr_id INTEGER NOT NULL,
        transam_connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
        transam_key TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'rejected')),
        -- The reasons shown when the inspector decided, kept for the record.
        reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
        decided_at INTEGER NOT NULL,
        PRIMARY KEY (huvr_connection_id, huvr_id, transam_connection_id, transam_key)
      ) STRICT;
      CREATE INDEX asset_links_by_transam ON asset_links(transam_connection_id, transam_key);
    `)
  },
}
