import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../src/main/core/create-core'
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations'
import type { EventPayload } from '../../src/shared/rpc/contract'
import { createTestCore } from '../support/core'
import { tempDir } from '../support/temp'

describe('createCore', () => {
  it('answers app.info with the schema version and the mode it runs in', async () => {
    const dataDir = tempDir()
    const core = createTestCore(dataDir)
    const info = await core.dispatcher.dispatch('app.info', {})
    expect(info).toMatchObject({
      ok: true,
      value: {
        name: 'Fieldstation',
        mode: 'cli',
        dataDir,
        schemaVersion: LATEST_SCHEMA_VERSION,
        startupError: null,
      },
    })
    core.close()
  })

  it('reports counts, outbox and upload queue sizes in app.status', async () => {
    const core = createTestCore()
    const db = core.db!
    db.prepare(
      "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('c1', 'huvr', 'Plant A', 'https://a.example', 0)",
    ).run()
    const outbox = db.prepare(
      "INSERT INTO outbox (connection_id, entity_kind, entity_id, op, state, created_at, updated_at) VALUES ('c1', 'defect', ?, 'update', ?, 0, 0)",
    )
    outbox.run('1', 'pending')
    outbox.run('2', 'pending')
    outbox.run('3', 'failed')
    const status = await core.dispatcher.dispatch('app.status', {})
    expect(status).toMatchObject({
      ok: true,
      value: {
        schemaVersion: LATEST_SCHEMA_VERSION,
        outbox: { total: 3, byState: { pending: 2, failed: 1 } },
        uploads: { total: 0, byState: {} },
        connections: [
          { id: 'c1', system: 'huvr', name: 'Plant A', state: 'unknown', lastSyncAt: null },
        ],
      },
    })
    core.close()
  })

  it('persists settings and pushes settings.changed to subscribers', async () => {
    const dataDir = tempDir()
    const core = createTestCore(dataDir)
    const seen: EventPayload<'settings.changed'>[] = []
    core.events.subscribe((event, payload) => {
      if (event === 'settings.changed') seen.push(payload as EventPayload<'settings.changed'>)
    })
    await core.dispatcher.dispatch('settings.update', { workOffline: true })
    expect(seen).toEqual([expect.objectContaining({ workOffline: true })])
    core.close()
    const reopened = createTestCore(dataDir)
    expect(await reopened.dispatcher.dispatch('settings.get', {})).toMatchObject({
      ok: true,
      value: { workOffline: true },
    })
    reopened.close()
  })

  it('comes up degraded on a corrupt database: app.info explains, everything else refuses', async () => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, DATABASE_FILE), 'not a database'.repeat(100))
    const core = createTestCore(dataDir)
    expect(core.db).toBeNull()
    const info = await core.dispatcher.dispatch('app.info', {})
    expect(info).toMatchObject({
      ok: true,
      value: { schemaVersion: null, startupError: { code: 'db-corrupt' } },
    })
    const status = await core.dispatcher.dispatch('app.status', {})
    expect(status).toMatchObject({ ok: false, error: { code: 'startup-failed' } })
    core.close()
  })

  it('switches to the sandbox workspace when told to', async () => {
    const core = createTestCore()
    core.enterSandboxWorkspace({ huvr: { baseUrl: 'http://127.0.0.1:1', credentials: {} } })
    expect(await core.dispatcher.dispatch('app.info', {})).toMatchObject({
      ok: true,
      value: { workspace: 'sandbox' },
    })
    core.close()
  })
})
