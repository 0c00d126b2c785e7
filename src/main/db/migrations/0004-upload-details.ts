import type { Migration } from './types'

/**
 * What an upload job needs to survive a crash at any step: the id it creates its media record
 * with (so a retry finds the record instead of making a twin), how far it got (phase, remote id,
 * resumable session, bytes the server confirmed), and what import learned about the file.
 */
export const uploadDetails: Migration = {
  version: 4,
  name: 'upload-details',
  up(db) {
    db.exec(`
      ALTER TABLE upload_jobs ADD COLUMN client_id TEXT;
      ALTER TABLE upload_jobs ADD COLUMN phase TEXT NOT NULL DEFAULT 'create'
        CHECK (phase IN ('create', 'send', 'confirm', 'complete'));
      ALTER TABLE upload_jobs ADD COLUMN session_url TEXT;
      ALTER TABLE upload_jobs ADD COLUMN remote_state TEXT;
      ALTER TABLE upload_jobs ADD COLUMN source_path TEXT;
      ALTER TABLE upload_jobs ADD COLUMN media_type TEXT;
      ALTER TABLE upload_jobs ADD COLUMN description TEXT;
      ALTER TABLE upload_jobs ADD COLUMN captured_at TEXT;
      ALTER TABLE upload_jobs ADD COLUMN gps TEXT CHECK (gps IS NULL OR json_valid(gps));
      ALTER TABLE upload_jobs ADD COLUMN thumbnail_sha256 TEXT;
      ALTER TABLE upload_jobs ADD COLUMN placeholder_reason TEXT;
      CREATE UNIQUE INDEX upload_jobs_by_client_id ON upload_jobs(client_id) WHERE client_id IS NOT NULL;
      CREATE INDEX upload_jobs_by_connection ON upload_jobs(connection_id, state, next_attempt_at);
    `)
  },
}
