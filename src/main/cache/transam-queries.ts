import type { Database } from 'better-sqlite3'
import type { DocumentRow, TransamAssetRow } from '../../shared/rpc/transam-contract'

const ASSET_COLUMNS = `connection_id AS connectionId, remote_id AS key, description, asset_tag AS assetTag,
  external_id AS externalId, serial_number AS serialNumber, type_name AS typeName, subtype_name AS subtypeName,
  organization, in_service_date AS inServiceDate, available_offline AS availableOffline`

const DOCUMENT_COLUMNS = `connection_id AS connectionId, remote_id AS key, asset_key AS assetKey, description,
  filename, file_sha256 AS fileSha256, size`

type RawAsset = Omit<TransamAssetRow, 'availableOffline'> & { availableOffline: number }

const toAsset = (row: RawAsset): TransamAssetRow => ({
  ...row,
  availableOffline: row.availableOffline === 1,
})

export function getTransamAssetRow(
  db: Database,
  connectionId: string,
  key: string,
): TransamAssetRow | null {
  const row = db
    .prepare(
      `SELECT ${ASSET_COLUMNS} FROM transam_assets WHERE connection_id = ? AND remote_id = ?`,
    )
    .get(connectionId, key) as RawAsset | undefined
  return row ? toAsset(row) : null
}

export function getTransamAssetRecord(
  db: Database,
  connectionId: string,
  key: string,
): Record<string, unknown> | null {
  const data = db
    .prepare('SELECT data FROM transam_assets WHERE connection_id = ? AND remote_id = ?')
    .pluck()
    .get(connectionId, key) as string | undefined
  return data === undefined ? null : (JSON.parse(data) as Record<string, unknown>)
}

/** An asset's documents, newest first as TransAM lists them. */
export function documentsOfAsset(
  db: Database,
  connectionId: string,
  assetKey: string,
): DocumentRow[] {
  return db
    .prepare(
      `SELECT ${DOCUMENT_COLUMNS} FROM transam_documents WHERE connection_id = ? AND asset_key = ? ORDER BY local_id`,
    )
    .all(connectionId, assetKey) as DocumentRow[]
}

export function getDocumentRow(
  db: Database,
  connectionId: string,
  key: string,
): DocumentRow | null {
  return (
    (db
      .prepare(
        `SELECT ${DOCUMENT_COLUMNS} FROM transam_documents WHERE connection_id = ? AND remote_id = ?`,
      )
      .get(connectionId, key) as DocumentRow | undefined) ?? null
  )
}

export function setTransamAvailableOffline(
  db: Database,
  connectionId: string,
  key: string,
  available: boolean,
): TransamAssetRow | null {
  db.prepare(
    'UPDATE transam_assets SET available_offline = ? WHERE connection_id = ? AND remote_id = ?',
  ).run(available ? 1 : 0, connectionId, key)
  return getTransamAssetRow(db, connectionId, key)
}
