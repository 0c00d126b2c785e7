import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { beginBulkLoad, endBulkLoad, isBulkLoading } from '../../src/main/cache/bulk-load'
import { openDatabase, type Database } from '../../src/main/db/database'
import { assertIndexUsed } from '../../src/main/db/query-plan'
import { createSilentLogger } from '../../src/main/log/logger'
import { tempDir } from '../support/temp'

const log = createSilentLogger()

function open(file: string): Database {
  return openDatabase(file, { log })
}

const indexesOf = (db: Database) =>
  db
    .prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'huvr_assets' ORDER BY name",
    )
    .all()

const matches = (db: Database, text: string) =>
  db
    .prepare('SELECT count(*) FROM huvr_assets_fts WHERE huvr_assets_fts MATCH ?')
    .pluck()
    .get(`"${text}"`)

function insertAsset(db: Database, id: number, name: string): void {
  db.prepare(
    "INSERT INTO huvr_assets (connection_id, remote_id, name, data, synced_at) VALUES ('c', ?, ?, '{}', 0)",
  ).run(id, name)
}

describe('bulk load of a cache table', () => {
  it('sets the indexes aside and puts back exactly the same ones, with search rebuilt', () => {
    const db = open(join(tempDir(), 'bulk.db'))
    db.prepare(
      "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('c', 'huvr', 'n', 'u', 0)",
    ).run()
    const before = indexesOf(db)
    beginBulkLoad(db, 'huvr_assets', { searchable: true })
    expect(isBulkLoading(db, 'huvr_assets')).toBe(true)
    // Only the UNIQUE key the upserts rely on remains.
    expect(indexesOf(db)).toEqual([expect.objectContaining({ sql: null })])
    insertAsset(db, 1, 'Separator V-900')
    expect(matches(db, 'arator')).toBe(0)
    db.transaction(() => endBulkLoad(db, 'huvr_assets'))()
    expect(indexesOf(db)).toEqual(before)
    expect(matches(db, 'arator')).toBe(1)
    expect(isBulkLoading(db, 'huvr_assets')).toBe(false)
    assertIndexUsed(
      db,
      'SELECT remote_id FROM huvr_assets a ORDER BY a.name COLLATE NOCASE, a.local_id LIMIT 10',
      'huvr_assets_by_name',
    )
    insertAsset(db, 2, 'Separator V-901')
    expect(matches(db, 'arator')).toBe(2)
    db.exec("INSERT INTO huvr_assets_fts (huvr_assets_fts) VALUES ('integrity-check')")
    db.close()
  })

  it('survives a crash mid-load: the set-aside indexes are still known after reopening', () => {
    const file = join(tempDir(), 'crash.db')
    const first = open(file)
    first
      .prepare(
        "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('c', 'huvr', 'n', 'u', 0)",
      )
      .run()
    const before = indexesOf(first)
    beginBulkLoad(first, 'huvr_assets', { searchable: true })
    insertAsset(first, 1, 'Pump P-1')
    first.close()
    const again = open(file)
    expect(isBulkLoading(again, 'huvr_assets')).toBe(true)
    again.transaction(() => endBulkLoad(again, 'huvr_assets'))()
    expect(indexesOf(again)).toEqual(before)
    expect(matches(again, 'Pump')).toBe(1)
    again.close()
  })
})
