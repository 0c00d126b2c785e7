import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../src/main/db/database'
import { foundation } from '../../../src/main/db/migrations/0001-foundation'
import { huvrCache } from '../../../src/main/db/migrations/0002-huvr-cache'
import { createSilentLogger } from '../../../src/main/log/logger'
import { tempDir } from '../../support/temp'

function openAtHuvrCache(): Database {
  const db = openDatabase(join(tempDir(), 'm2.db'), {
    log: createSilentLogger(),
    migrations: [foundation, huvrCache],
  })
  db.prepare(
    "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('c', 'huvr', 'n', 'u', 0)",
  ).run()
  return db
}

const insertAsset = (db: Database, id: number, name: string) =>
  db
    .prepare(
      "INSERT INTO huvr_assets (connection_id, remote_id, name, data, synced_at) VALUES ('c', ?, ?, '{}', 0)",
    )
    .run(id, name)

const matches = (db: Database, text: string) =>
  db
    .prepare('SELECT count(*) FROM huvr_assets_fts WHERE huvr_assets_fts MATCH ?')
    .pluck()
    .get(`"${text}"`) as number

describe('migration 2: HUVR cache', () => {
  it('keeps the search index in step with inserts, renames and deletes', () => {
    const db = openAtHuvrCache()
    insertAsset(db, 1, 'Feedwater Pump P-101')
    expect(matches(db, 'water')).toBe(1)
    db.prepare("UPDATE huvr_assets SET name = 'Cooling Fan F-7' WHERE remote_id = 1").run()
    expect(matches(db, 'water')).toBe(0)
    expect(matches(db, 'ooling')).toBe(1)
    db.prepare('DELETE FROM huvr_assets').run()
    expect(matches(db, 'ooling')).toBe(0)
    db.exec("INSERT INTO huvr_assets_fts (huvr_assets_fts) VALUES ('integrity-check')")
    db.close()
  })

  it('does not touch the index when only synced_at changes', () => {
    const db = openAtHuvrCache()
    insertAsset(db, 1, 'Tank T-1')
    const before = db.prepare('SELECT count(*) FROM huvr_assets_fts_data').pluck().get()
    db.prepare('UPDATE huvr_assets SET synced_at = 99').run()
    expect(db.prepare('SELECT count(*) FROM huvr_assets_fts_data').pluck().get()).toBe(before)
    db.close()
  })
})
