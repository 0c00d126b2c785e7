import { describe, expect, it } from 'vitest'
import { rpc, createTestCore } from '../support/core'

const account = {
  name: 'Plant A',
  baseUrl: 'https://plant-a.huvrdata.app/',
  clientId: 'svc@plant-a.example',
  clientSecret: 's3cret',
}

describe('accounts', () => {
  it('adds an account with its secret kept in the secret store, not the database', async () => {
    const core = createTestCore()
    const added = await rpc(core).call('connections.addHuvr', account)
    expect(added).toMatchObject({
      ok: true,
      value: {
        system: 'huvr',
        name: 'Plant A',
        baseUrl: 'https://plant-a.huvrdata.app',
        state: 'unknown',
      },
    })
    const row = core.db!.prepare('SELECT * FROM connections').get()
    expect(JSON.stringify(row)).not.toContain('s3cret')
    core.close()
  })

  it('refuses to remove an account whose changes or uploads have not been sent, and says why', async () => {
    const core = createTestCore()
    const added = await rpc(core).call('connections.addHuvr', account)
    if (!added.ok) throw new Error(added.error.message)
    core
      .db!.prepare(
        "INSERT INTO outbox (connection_id, entity_kind, entity_id, op, created_at, updated_at) VALUES (?, 'defect', '1', 'update', 0, 0)",
      )
      .run(added.value.id)
    const refused = await rpc(core).call('connections.remove', { id: added.value.id })
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('1 unsynced change') },
    })
    expect(core.db!.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1)

    core.db!.prepare("UPDATE outbox SET state = 'done'").run()
    expect(await rpc(core).call('connections.remove', { id: added.value.id })).toEqual({
      ok: true,
      value: null,
    })
    expect(await rpc(core).call('connections.remove', { id: added.value.id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
    core.close()
  })

  it('rejects an account URL that is not http(s)', async () => {
    const core = createTestCore()
    const result = await rpc(core).call('connections.addHuvr', {
      ...account,
      baseUrl: 'file:///etc/passwd',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-params' } })
    core.close()
  })
})
