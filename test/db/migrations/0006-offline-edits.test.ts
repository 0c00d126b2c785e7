import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/db/database'
import { MIGRATIONS } from '../../../src/main/db/migrations'
import { offlineEdits } from '../../../src/main/db/migrations/0006-offline-edits'
import { assertIndexUsed } from '../../../src/main/db/query-plan'
import { createSilentLogger } from '../../../src/main/log/logger'
import { tempDir } from '../../support/temp'

const upTo = (version: number) => MIGRATIONS.slice(0, version)

describe('migration 6: offline edits', () => {
  it('keeps outbox items written before it, with an empty base and no conflicts', () => {
    const path = join(tempDir(), 'm6.db')
    const before = openDatabase(path, { log: createSilentLogger(), migrations: upTo(5) })
    before
      .prepare(
        "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('h', 'huvr', 'H', 'u', 0)",
      )
      .run()
    before
      .prepare(
        `INSERT INTO outbox (connection_id, entity_kind, entity_id, op, payload, created_at, updated_at)
         VALUES ('h', 'huvr.defect', '7', 'update', '{"severity":3}', 0, 0)`,
      )
      .run()
    before.close()

    const db = openDatabase(path, { log: createSilentLogger(), migrations: upTo(6) })
    expect(offlineEdits.version).toBe(6)
    expect(db.prepare('SELECT payload, base, conflicts, field_errors FROM outbox').get()).toEqual({
      payload: '{"severity":3}',
      base: '{}',
      conflicts: '{}',
      field_errors: '{}',
    })
    expect(() => db.prepare("UPDATE outbox SET base = 'not json'").run()).toThrow(/CHECK/)
    db.close()
  })

  it('finds a record’s items, its history and an asset’s CMLs through indexes', () => {
    const db = openDatabase(join(tempDir(), 'm6b.db'), {
      log: createSilentLogger(),
      migrations: upTo(6),
    })
    assertIndexUsed(
      db,
      'SELECT id FROM outbox WHERE connection_id = ? AND entity_kind = ? AND entity_id = ? ORDER BY id',
      'outbox_by_record',
      ['h', 'huvr.defect', '7'],
    )
    assertIndexUsed(
      db,
      'SELECT state, count(*) FROM outbox WHERE connection_id = ? GROUP BY state',
      'outbox_by_connection_state',
      ['h'],
    )
    assertIndexUsed(
      db,
      'SELECT seq FROM record_history WHERE connection_id = ? AND entity_kind = ? AND entity_id = ? ORDER BY seq DESC',
      'record_history_by_record',
      ['h', 'huvr.defect', '7'],
    )
    assertIndexUsed(
      db,
      'SELECT remote_id FROM huvr_cmls WHERE connection_id = ? AND asset_id = ? ORDER BY name',
      'huvr_cmls_by_asset',
      ['h', 1],
    )
    db.close()
  })

  it('hands out local ids from a counter: negative, never repeated', () => {
    const db = openDatabase(join(tempDir(), 'm6c.db'), {
      log: createSilentLogger(),
      migrations: upTo(6),
    })
    const next = () =>
      db
        .prepare(
          "INSERT INTO counters (name, value) VALUES ('local_id', -1) ON CONFLICT (name) DO UPDATE SET value = value - 1 RETURNING value",
        )
        .pluck()
        .get()
    expect([next(), next(), next()]).toEqual([-1, -2, -3])
    db.close()
  })
})
