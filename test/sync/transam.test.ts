import { afterEach, describe, expect, it } from 'vitest'
import { cachedRecords } from '../support/huvr'
import { rpc } from '../support/core'
import {
  serverDocumentKeys,
  signInRequests,
  startTransamPair,
  type TransamPair,
} from '../support/transam'

let pair: TransamPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

async function start(...args: Parameters<typeof startTransamPair>): Promise<TransamPair> {
  pair = await startTransamPair(...args)
  return pair
}

/** A JSend `data` straight from the simulator, with the account's current token (no faults). */
async function serverGet(p: TransamPair, path: string): Promise<Record<string, unknown>> {
  p.sim.configure({ faults: { serverErrorRate: 0, resetBeforeRate: 0, resetMidBodyRate: 0 } })
  const response = await fetch(`${p.sim.baseUrl}${path}`, {
    headers: {
      accept: 'application/json',
      'x-user-email': p.sim.credentials.email,
      'x-user-token': p.sim.tokenOf(p.sim.credentials.email)!,
    },
  })
  return ((await response.json()) as { data: Record<string, unknown> }).data
}

const signIn = (p: TransamPair, password: string) =>
  rpc(p.core).call('connections.signInTransam', { id: p.connectionId, password })

describe('TransAM sign-in never locks an account by itself', () => {
  it('after one wrong password it sends no further sign-in request: not the same password, not on sync', async () => {
    const p = await start({ seed: { assets: 20 } })
    const first = await signIn(p, 'wrong-password-1')
    expect(first).toMatchObject({
      ok: true,
      value: {
        ok: false,
        reason: 'wrong-password',
        message: expect.stringContaining('Incorrect password'),
      },
    })
    const again = await signIn(p, 'wrong-password-1')
    expect(again).toMatchObject({
      ok: true,
      value: {
        ok: false,
        reason: 'wrong-password',
        message: expect.stringContaining('not sent again'),
      },
    })
    const [sync] = await p.core.sync.run({})
    expect(sync?.error).toMatch(/Sign in to TransAM first/)
    expect(signInRequests(p.sim)).toHaveLength(1)
    expect(p.sim.requestLog).toHaveLength(1)
  })

  it('passes on TransAM’s warning on the third failure, then the lockout, and sends nothing while locked', async () => {
    const p = await start({ seed: { assets: 20 } })
    await signIn(p, 'wrong-1')
    await signIn(p, 'wrong-2')
    const third = await signIn(p, 'wrong-3')
    expect(third).toMatchObject({
      ok: true,
      value: { ok: false, warning: expect.stringContaining('one more attempt') },
    })
    const fourth = await signIn(p, 'wrong-4')
    expect(fourth).toMatchObject({
      ok: true,
      value: { ok: false, reason: 'locked', message: expect.stringContaining('locked') },
    })
    if (!fourth.ok || fourth.value.ok) throw new Error('expected a lockout')
    expect(fourth.value.lockedUntil).toBeGreaterThan(Date.now() + 4 * 60_000)
    // Even the right password is not sent while the lockout lasts: it would fail and prolong nothing useful.
    const right = await signIn(p, p.sim.credentials.password)
    expect(right).toMatchObject({ ok: true, value: { ok: false, reason: 'locked' } })
    expect(signInRequests(p.sim)).toHaveLength(4)
  })

  it('a token rotated elsewhere leads to "needs sign-in", not a loop', async () => {
    const p = await start({ seed: { assets: 20 } })
    expect(await signIn(p, p.sim.credentials.password)).toMatchObject({
      ok: true,
      value: { ok: true },
    })
    const token = p.sim.tokenOf(p.sim.credentials.email)!
    // Another device signs out: TransAM rotates the token, so ours stops working.
    await fetch(`${p.sim.baseUrl}/api/v1/sign_out`, {
      method: 'DELETE',
      headers: {
        accept: 'application/json',
        'x-user-email': p.sim.credentials.email,
        'x-user-token': token,
      },
    })
    p.sim.clearRequestLog()
    const [sync] = await p.core.sync.run({})
    expect(sync?.ok).toBe(false)
    expect(sync?.error).toMatch(/sign in again/)
    expect(p.sim.requestLog.filter((entry) => entry.status === 401)).toHaveLength(1)
    expect(signInRequests(p.sim)).toHaveLength(0)
    const status = await rpc(p.core).call('app.status', {})
    expect(status.ok && status.value.connections[0]?.state).toBe('needs-sign-in')
    // The refused token is forgotten: the next sync sends nothing at all.
    p.sim.clearRequestLog()
    await p.core.sync.run({})
    expect(p.sim.requestLog).toHaveLength(0)
  })
})

describe('TransAM sync', () => {
  it('ends with exactly the simulator’s assets and each asset’s documents, under faults', async () => {
    const p = await start({
      seed: { assets: 120 },
    })
    await signIn(p, p.sim.credentials.password)
    // Signed in first: a sign-in is never retried, so it is not what this test is about.
    p.sim.configure({
      faults: { serverErrorRate: 0.1, resetBeforeRate: 0.03, resetMidBodyRate: 0.03 },
    })
    p.sim.failNext({ kind: 'server-error', pathPrefix: '/api/v1/assets', times: 2 })
    p.sim.failNext({ kind: 'reset-mid-body', pathPrefix: '/api/v1/assets', times: 2 })
    const [result] = await p.core.sync.run({})
    expect(result?.error).toBeNull()
    expect(result?.ok).toBe(true)
    expect(p.sim.requestLog.some((entry) => entry.fault === 'reset-mid-body')).toBe(true)

    const cached = cachedRecords(p.core, 'transam_assets') as unknown as Map<string, unknown>
    // What this user may see: the assets of their organizations, read straight from the API.
    const visible = await serverGet(p, '/api/v1/assets')
    const visibleKeys = (visible.assets as { object_key: string }[]).map((a) => a.object_key).sort()
    expect(visibleKeys.length).toBeGreaterThan(50)
    expect([...cached.keys()].sort()).toEqual(visibleKeys)
    for (const key of visibleKeys.slice(0, 20)) {
      expect(cached.get(key)).toEqual(await serverGet(p, `/api/v1/assets/${key}`))
    }
    const cachedDocuments = new Map<string, string[]>()
    const rows = p.core.db!.prepare('SELECT asset_key, remote_id FROM transam_documents').all() as {
      asset_key: string
      remote_id: string
    }[]
    for (const row of rows) {
      cachedDocuments.set(
        row.asset_key,
        [...(cachedDocuments.get(row.asset_key) ?? []), row.remote_id].sort(),
      )
    }
    const serverDocuments = serverDocumentKeys(p.sim)
    for (const key of visibleKeys)
      expect(cachedDocuments.get(key) ?? []).toEqual(serverDocuments.get(key))
  })

  it('downloads the documents of assets marked available offline, and opens them with no network', async () => {
    const p = await start({ seed: { assets: 30 } })
    await signIn(p, p.sim.credentials.password)
    await p.core.sync.run({})
    const asset = [...p.sim.state.assets.values()].find(
      (a) => p.sim.state.documentsOf(a.id).length > 0,
    )!
    await rpc(p.core).call('transam.assets.setAvailableOffline', {
      connectionId: p.connectionId,
      key: asset.object_key,
      available: true,
    })
    const [result] = await p.core.sync.run({})
    expect(result?.ok).toBe(true)
    await p.sim.stop()
    for (const document of p.sim.state.documentsOf(asset.id)) {
      const row = await rpc(p.core).call('documents.fetch', {
        connectionId: p.connectionId,
        key: document.object_key,
      })
      if (!row.ok) throw new Error(row.error.message)
      const path = p.core.files.pathFor(row.value.fileSha256!)!
      expect(
        (await import('node:fs'))
          .readFileSync(path)
          .equals(p.sim.state.objectBytes(document.storage_key)!),
      ).toBe(true)
    }
  })
})
