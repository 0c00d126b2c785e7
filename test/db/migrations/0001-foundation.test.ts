import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../../src/main/db/database'
import { foundation } from '../../../src/main/db/migrations/0001-foundation'
import { assertIndexUsed, explainQueryPlan } from '../../../src/main/db/query-plan'
import { createSilentLogger } from '../../../src/main/log/logger'
import { tempDir } from '../../support/temp'

function openAtFoundation(): Database {
  return openDatabase(join(tempDir(), 'm1.db'), {
    log: createSilentLogger(),
    migrations: [foundation],
  })
}

function addConnection(db: Database, id = 'c1'): void {
  db.prepare(
    "INSERT INTO connections (id, system, name, base_url, created_at) VALUES (?, 'huvr', 'Demo', 'https://demo.example', 0)",
  ).run(id)
}

describe('migration 1: foundation', () => {
  it('creates connections, outbox and upload_jobs', () => {
    const db = openAtFoundation()
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
    expect(tables).toEqual(expect.arrayContaining(['connections', 'outbox', 'upload_jobs']))
    db.close()
  })

  it('refuses unknown systems, states and invalid JSON', () => {
    const db = openAtFoundation()
    expect(() =>
      db
        .prepare(
          "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('x', 'ftp', 'n', 'u', 0)",
        )
        .run(),
    ).toThrow(/CHECK/)
    addConnection(db)
    const insertOutbox = db.prepare(
      "INSERT INTO outbox (connection_id, entity_kind, entity_id, op, payload, state, created_at, updated_at) VALUES ('c1', 'defect', '1', 'update', ?, ?, 0, 0)",
    )
    expect(() => insertOutbox.run('{}', 'lost')).toThrow(/CHECK/)
    expect(() => insertOutbox.run('{not json', 'pending')).toThrow(/CHECK/)
    insertOutbox.run('{"severity":"high"}', 'pending')
    db.close()
  })

  it('queues one upload per file and target, so importing the same file twice is one upload', () => {
    const db = openAtFoundation()
    addConnection(db)
    const enqueue = db.prepare(
      "INSERT INTO upload_jobs (connection_id, target_kind, target_id, content_sha256, filename, size, created_at, updated_at) VALUES ('c1', 'project', '7', 'abc', 'a.jpg', 10, 0, 0)",
    )
    enqueue.run()
    expect(() => enqueue.run()).toThrow(/UNIQUE/)
    db.close()
  })

  it('removes a connection’s queued work with it', () => {
    const db = openAtFoundation()
    addConnection(db)
    db.prepare(
      "INSERT INTO upload_jobs (connection_id, target_kind, target_id, content_sha256, filename, size, created_at, updated_at) VALUES ('c1', 'project', '7', 'abc', 'a.jpg', 10, 0, 0)",
    ).run()
    db.prepare("DELETE FROM connections WHERE id = 'c1'").run()
    expect(db.prepare('SELECT count(*) FROM upload_jobs').pluck().get()).toBe(0)
    db.close()
  })

  it('finds the next pending outbox item and runnable uploads through their indexes', () => {
    const db = openAtFoundation()
    assertIndexUsed(
      db,
      "SELECT id FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1",
      'outbox_by_state',
    )
    assertIndexUsed(
      db,
      "SELECT id FROM upload_jobs WHERE state = 'queued' AND next_attempt_at <= ?",
      'upload_jobs_by_state',
      [Date.now()],
    )
    db.close()
  })
})

describe('assertIndexUsed', () => {
  it('fails on a full table scan and shows the plan', () => {
    const db = openAtFoundation()
    expect(
      explainQueryPlan(db, 'SELECT * FROM outbox WHERE payload = ?', ['{}']).join(' '),
    ).toContain('SCAN')
    expect(() =>
      assertIndexUsed(db, 'SELECT * FROM outbox WHERE payload = ?', 'outbox_by_state', ['{}']),
    ).toThrow(/Expected the plan to use index outbox_by_state/)
    db.close()
  })
})
