import { afterEach, describe, expect, it } from 'vitest'
import type { EventPayload } from '../../src/shared/rpc/contract'
import { callOk, rpc } from '../support/core'
import { startTransamPair, type TransamPair } from '../support/transam'

let pair: TransamPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

async function syncedPair(): Promise<TransamPair> {
  pair = await startTransamPair({ seed: { assets: 6 } })
  const client = rpc(pair.core)
  await callOk(client, 'connections.signInTransam', {
    id: pair.connectionId,
    password: pair.sim.credentials.password,
  })
  await pair.core.sync.run({ connectionId: pair.connectionId })
  return pair
}

describe('TransAM documents through the outbox', () => {
  it('sends an edited description once, as a PATCH of that field only', async () => {
    const { sim, core, connectionId } = await syncedPair()
    const client = rpc(core)
    const document = [...sim.state.documents.values()][0]!
    const ref = { connectionId, kind: 'transam.document' as const, id: document.object_key }
    await callOk(client, 'records.update', {
      ...ref,
      changes: { description: 'Inspection report, signed' },
    })
    expect((await callOk(client, 'records.get', ref)).syncState).toBe('pending')

    sim.clearRequestLog()
    const [result] = await core.sync.run({ connectionId })
    expect(result?.pushed).toMatchObject({ sent: 1, failed: 0, conflicts: 0 })
    const patches = sim.requestLog.filter((entry) => entry.method === 'PATCH')
    expect(patches).toHaveLength(1)
    expect(patches[0]?.body).toEqual({ description: 'Inspection report, signed' })
    expect(document.description).toBe('Inspection report, signed')
    expect((await callOk(client, 'records.get', ref)).syncState).toBe('synced')
  })

  it('a push refused for its token says "needs sign-in" at once and keeps the change', async () => {
    const { sim, core, connectionId } = await syncedPair()
    const client = rpc(core)
    const document = [...sim.state.documents.values()][0]!
    const ref = { connectionId, kind: 'transam.document' as const, id: document.object_key }
    await callOk(client, 'records.update', { ...ref, changes: { description: 'Site photo log' } })
    // Another device signs out: TransAM rotates the token, so ours stops working.
    await fetch(`${sim.baseUrl}/api/v1/sign_out`, {
      method: 'DELETE',
      headers: {
        accept: 'application/json',
        'x-user-email': sim.credentials.email,
        'x-user-token': sim.tokenOf(sim.credentials.email)!,
      },
    })
    const states: string[] = []
    core.events.subscribe((event, payload) => {
      if (event === 'connectivity') states.push((payload as EventPayload<'connectivity'>).state)
    })

    // What the push scheduler runs when the server is reachable and changes wait.
    const result = await core.sync.push(connectionId)
    expect(result.stoppedBy?.kind).toBe('auth')
    expect(states).toEqual(['needs-sign-in'])
    const status = await callOk(client, 'app.status', {})
    expect(status.connections.find((c) => c.id === connectionId)?.state).toBe('needs-sign-in')
    expect(document.description).not.toBe('Site photo log')
    expect((await callOk(client, 'records.get', ref)).syncState).toBe('pending')

    // Signed in again, the same change goes, once.
    await callOk(client, 'connections.signInTransam', {
      id: connectionId,
      password: sim.credentials.password,
    })
    expect(await core.sync.push(connectionId)).toMatchObject({ sent: 1, stoppedBy: null })
    expect(document.description).toBe('Site photo log')
  })

  it('deletes a document on the server, and a pull meanwhile does not bring it back', async () => {
    const { sim, core, connectionId } = await syncedPair()
    const client = rpc(core)
    const document = [...sim.state.documents.values()][1]!
    const ref = { connectionId, kind: 'transam.document' as const, id: document.object_key }
    await callOk(client, 'records.delete', ref)
    expect((await callOk(client, 'records.get', ref)).pendingDelete).toBe(true)

    await core.sync.run({ connectionId })
    expect(sim.state.documentByKey(document.object_key)).toBeUndefined()
    const cached = core.db!.prepare('SELECT count(*) FROM transam_documents WHERE remote_id = ?')
    expect(cached.pluck().get(document.object_key)).toBe(0)
    expect((await callOk(client, 'outbox.counts', {})).total).toEqual({
      pending: 0,
      failed: 0,
      conflict: 0,
    })
  })
})
