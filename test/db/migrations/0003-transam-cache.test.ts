import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../src/main/db/database'
import { foundation } from '../../../src/main/db/migrations/0001-foundation'
import { huvrCache } from '../../../src/main/db/migrations/0002-huvr-cache'
import { transamCache } from '../../../src/main/db/migrations/0003-transam-cache'
import { assertIndexUsed, explainQueryPlan } from '../../../src/main/db/query-plan'
import { createSilentLogger } from '../../../src/main/log/logger'
import { tempDir } from '../../support/temp'

function openAtTransamCache(): Database {
  const db = openDatabase(join(tempDir(), 'm3.db'), {
    log: createSilentLogger(),
    migrations: [foundation, huvrCache, transamCache],
  })
  db.prepare(
    "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('h', 'huvr', 'H', 'u', 0), ('t', 'transam', 'T', 'u', 0)",
  ).run()
  return db
}

describe('migration 3: TransAM cache and asset links', () => {
  it('keys TransAM assets and documents by object_key, one row per account', () => {
    const db = openAtTransamCache()
    const insert = db.prepare(
      "INSERT INTO transam_assets (connection_id, remote_id, asset_tag, data, synced_at) VALUES ('t', ?, ?, '{}', 0)",
    )
    insert.run('ABC123DEF456', 'BUS-1042')
    expect(() => insert.run('ABC123DEF456', 'BUS-1042')).toThrow(/UNIQUE/)
    db.close()
  })

  it('accepts only confirmed or rejected links, and drops them with either account', () => {
    const db = openAtTransamCache()
    const link = db.prepare(
      "INSERT INTO asset_links (huvr_connection_id, huvr_id, transam_connection_id, transam_key, decision, decided_at) VALUES ('h', 1, 't', 'ABC123DEF456', ?, 0)",
    )
    expect(() => link.run('maybe')).toThrow(/CHECK/)
    link.run('confirmed')
    db.prepare("DELETE FROM connections WHERE id = 't'").run()
    expect(db.prepare('SELECT count(*) FROM asset_links').pluck().get()).toBe(0)
    db.close()
  })

  it('matches tags, external ids and serials through indexes on both sides', () => {
    const db = openAtTransamCache()
    const join = (transam: string, huvr: string) =>
      `SELECT h.remote_id FROM transam_assets t JOIN huvr_assets h ON h.${huvr} = t.${transam} COLLATE NOCASE
       WHERE t.${transam} IS NOT NULL AND t.${transam} <> '' AND h.${huvr} IS NOT NULL AND t.connection_id = ? AND t.remote_id = ?`
    // From one TransAM asset (its page), each rule finds HUVR candidates through an index.
    assertIndexUsed(db, join('asset_tag', 'name'), 'huvr_assets_by_name', ['t', 'K'])
    assertIndexUsed(db, join('external_id', 'external_id'), 'huvr_assets_by_external_id', [
      't',
      'K',
    ])
    assertIndexUsed(db, join('serial_number', 'serial_number'), 'huvr_assets_by_serial', ['t', 'K'])
    assertIndexUsed(
      db,
      'SELECT remote_id FROM transam_assets WHERE asset_tag = ? COLLATE NOCASE',
      'transam_assets_by_tag',
      ['x'],
    )
    db.close()
  })

  it('lists both systems by name by merging two index scans, without sorting everything', () => {
    const db = openAtTransamCache()
    const plan = explainQueryPlan(
      db,
      `SELECT a.name AS name, a.local_id AS localId FROM huvr_assets a
       UNION ALL SELECT coalesce(t.description, t.asset_tag, t.remote_id) AS name, t.local_id AS localId FROM transam_assets t
       ORDER BY name COLLATE NOCASE, localId LIMIT 100 OFFSET 5000`,
    ).join('\n')
    expect(plan).toContain('MERGE (UNION ALL)')
    expect(plan).toMatch(/INDEX huvr_assets_by_name/)
    expect(plan).toMatch(/INDEX transam_assets_by_name/)
    expect(plan).not.toMatch(/TEMP B-TREE/)
    db.close()
  })
})
