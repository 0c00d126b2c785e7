import { afterEach, describe, expect, it } from 'vitest'
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
