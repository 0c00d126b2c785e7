import { afterEach, describe, expect, it } from 'vitest'
import type { ScriptedFault } from '../../src/sandbox/transam'
import { rpc } from '../support/core'
import { cachedRecords } from '../support/huvr'
import { startTransamPair, type TransamPair } from '../support/transam'

let pair: TransamPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

async function syncedPair(): Promise<TransamPair> {
  pair = await startTransamPair({ seed: { assets: 40 } })
  await rpc(pair.core).call('connections.signInTransam', {
    id: pair.connectionId,
    password: pair.sim.credentials.password,
  })
  const [first] = await pair.core.sync.run({})
  expect(first?.ok).toBe(true)
  return pair
}

/** Syncs again with the asset index answered badly; returns the assets' errors and whether the cache held. */
async function syncThrough(p: TransamPair, fault: Omit<ScriptedFault, 'pathPrefix' | 'method'>) {
  const before = JSON.stringify([...cachedRecords(p.core, 'transam_assets')])
  p.sim.failNext({
    ...fault,
    method: 'GET',
    pathPrefix: '/api/v1/assets',
    times: fault.times ?? 100,
  })
  const [result] = await p.core.sync.run({})
  expect(result?.ok).toBe(false)
  // Organizations and users came before the assets and still synced.
  expect(result?.kinds['transam.organizations']?.errors).toEqual([])
  return {
    errors: result?.kinds['transam.assets']?.errors ?? [],
    intact: JSON.stringify([...cachedRecords(p.core, 'transam_assets')]) === before,
  }
}

describe('TransAM answers we cannot use', () => {
  it('a body that is not JSend (an HTML page): a clear error, the cache left as it was', async () => {
    const p = await syncedPair()
    const { errors, intact } = await syncThrough(p, {
      kind: 'garbled',
      status: 200,
      body: '<html><body>Maintenance window</body></html>',
    })
    expect(errors[0]).toMatch(/not a JSend envelope.*Maintenance window/)
    expect(intact).toBe(true)
  })

  it('a 500 error envelope (TransAM’s catch-all), every time: a server error after bounded retries', async () => {
    const p = await syncedPair()
    const body = JSON.stringify({
      message: 'undefined method `name` for nil',
      data: { type: 'NoMethodError' },
      status: 'error',
    })
    const { errors, intact } = await syncThrough(p, {
      kind: 'garbled',
      status: 500,
      contentType: 'application/json',
      body,
    })
    expect(errors[0]).toMatch(/server error \(HTTP 500\)/)
    expect(intact).toBe(true)
  })

  it('a truncated document download is not kept, and says so', async () => {
    const p = await syncedPair()
    const document = p.core
      .db!.prepare('SELECT remote_id FROM transam_documents LIMIT 1')
      .pluck()
      .get() as string
    p.sim.failNext({ kind: 'reset-mid-body', method: 'GET', pathPrefix: '/s3/', times: 100 })
    const result = await rpc(p.core).call('documents.fetch', {
      connectionId: p.connectionId,
      key: document,
    })
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Could not reach TransAM/) },
    })
    const row = p.core
      .db!.prepare('SELECT file_sha256 FROM transam_documents WHERE remote_id = ?')
      .pluck()
      .get(document)
    expect(row).toBeNull()
    expect(p.core.db!.prepare('SELECT count(*) FROM local_files').pluck().get()).toBe(0)
  })
})
