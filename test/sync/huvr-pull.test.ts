import { afterEach, describe, expect, it } from 'vitest'
import { setConnectionSecret } from '../../src/main/connections/store'
import type { SyncResult } from '../../src/shared/rpc/huvr-contract'
import { rpc } from '../support/core'
import { cachedRecords, listAll, startHuvrPair, type HuvrPair } from '../support/huvr'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

async function start(...args: Parameters<typeof startHuvrPair>): Promise<HuvrPair> {
  pair = await startHuvrPair(...args)
  return pair
}

function setPageSize(p: HuvrPair, pageSize: number): void {
  p.core
    .db!.prepare("UPDATE connections SET config = json_set(config, '$.pageSize', ?) WHERE id = ?")
    .run(pageSize, p.connectionId)
}

async function syncOnce(p: HuvrPair, request: { full?: boolean } = {}): Promise<SyncResult> {
  const [result] = await p.core.sync.run(request)
  return result!
}

/** The cache holds exactly the server's records: same ids, and each one equal field for field. */
async function expectCacheMatchesServer(
  p: HuvrPair,
  path: string,
  table: string,
  ignore: (record: Record<string, unknown>) => Record<string, unknown> = (r) => r,
) {
  const server = await listAll(p.sim, path)
  const cached = cachedRecords(p.core, table)
  expect([...cached.keys()].sort((a, b) => a - b)).toEqual(server.map((record) => record.id))
  for (const record of server)
    expect(ignore(cached.get(record.id as number)!)).toEqual(ignore(record))
}

/** The service account's last_login moves on every sign-in, including the one listAll makes. */
const withoutLastLogin = ({ last_login: _ignored, ...rest }: Record<string, unknown>) => rest

describe('HUVR pull sync', () => {
  it('ends with exactly the simulator’s records under 5xx, resets, 429 bursts and 2-second tokens', async () => {
    const p = await start({
      seed: { assets: 3000 },
      settings: { tokenLifetimeSeconds: 2 },
      faults: {
        serverErrorRate: 0.1,
        resetBeforeRate: 0.03,
        resetMidBodyRate: 0.03,
        latencyMs: 5,
        burst429: { count: 3, retryAfterSeconds: 1 },
      },
    })
    setPageSize(p, 100)
    // On top of the random faults, a few certain ones so every kind is met in every run.
    p.sim.failNext({ kind: 'reset-mid-body', pathPrefix: '/api/assets/', times: 2 })
    p.sim.failNext({ kind: 'reset-before', pathPrefix: '/api/projects/' })
    p.sim.failNext({ kind: 'server-error', pathPrefix: '/api/users/', status: 503, times: 2 })
    // Besides the 2-second lifetime (which the client renews ahead of), revoke every token
    // every third page, so requests in flight meet 401s mid-sync.
    let pages = 0
    const unsubscribe = p.core.events.subscribe((event) => {
      if (event === 'sync.progress' && ++pages % 3 === 0) p.sim.expireTokens()
    })
    const result = await syncOnce(p).finally(unsubscribe)
    p.sim.configure({
      faults: { serverErrorRate: 0, resetBeforeRate: 0, resetMidBodyRate: 0, burst429: null },
    })

    expect(result.error).toBeNull()
    expect(result.ok).toBe(true)
    const log = p.sim.requestLog
    // The faults really happened, so the result means something.
    expect(
      log.filter((entry) => entry.status !== null && entry.status >= 500).length,
    ).toBeGreaterThanOrEqual(2)
    expect(log.filter((entry) => entry.status === 429).length).toBeGreaterThanOrEqual(3)
    expect(
      log.filter((entry) => entry.fault === 'reset-before' || entry.fault === 'reset-mid-body')
        .length,
    ).toBeGreaterThan(0)
    expect(log.filter((entry) => entry.status === 401).length).toBeGreaterThan(0)

    await expectCacheMatchesServer(p, '/api/assets/', 'huvr_assets')
    await expectCacheMatchesServer(p, '/api/projects/', 'huvr_projects')
    await expectCacheMatchesServer(p, '/api/users/', 'huvr_users', withoutLastLogin)
    expect(result.kinds['huvr.assets']).toMatchObject({
      fetched: 3000,
      created: 3000,
      deleted: 0,
      errors: [],
    })
  })

  it('signs in once for many concurrent requests after a token expires', async () => {
    const p = await start({ seed: { assets: 400 } })
    setPageSize(p, 50)
    await syncOnce(p)
    p.sim.clearRequestLog()
    p.sim.expireTokens()
    await syncOnce(p, { full: true })
    const signIns = p.sim.requestLog.filter(
      (entry) => entry.path === '/api/auth/obtain-access-token/',
    )
    expect(signIns).toHaveLength(1)
  })

  it('then pulls only what changed, and what was added, since the last sync', async () => {
    const p = await start({ seed: { assets: 500 } })
    await syncOnce(p)
    const assetId = p.sim.state.tables.assets.allocateId()
    const template = p.sim.state.get('assets', 1)!
    p.sim.state.insert('assets', {
      ...template,
      id: assetId,
      name: 'Brand new separator V-900',
      external_id: 'NEW-900',
      created_on: new Date().toISOString(),
      updated_on: new Date().toISOString(),
    })
    p.sim.state.edit('assets', 7, { description: 'Repainted after the 2026 turnaround' })
    p.sim.clearRequestLog()

    const result = await syncOnce(p)
    const assetPages = p.sim.requestLog.filter((entry) => entry.path === '/api/assets/')
    expect(assetPages.every((entry) => typeof entry.query.updated_on_after === 'string')).toBe(true)
    expect(result.kinds['huvr.assets']).toMatchObject({ created: 1, updated: 1, deleted: 0 })
    await expectCacheMatchesServer(p, '/api/assets/', 'huvr_assets')
  })

  it('finds remote deletions on a full sync and removes each only after HUVR confirms it is gone', async () => {
    const p = await start({ seed: { assets: 500 } })
    await syncOnce(p)
    const victim = p.sim.state.tables.assets
      .all()
      .find(
        (asset) =>
          asset.parent !== null &&
          p.sim.state.tables.assets.all().every((a) => a.parent !== asset.id),
      )!
    p.sim.state.remove('assets', victim.id)
    p.sim.clearRequestLog()

    const result = await syncOnce(p, { full: true })
    expect(result.kinds['huvr.assets']?.deleted).toBe(1)
    // Row-by-row upkeep of the search index stayed consistent through updates and deletions.
    p.core.db!.exec("INSERT INTO huvr_assets_fts (huvr_assets_fts) VALUES ('integrity-check')")
    expect(
      p.sim.requestLog.some(
        (entry) => entry.path === `/api/assets/${victim.id}/` && entry.status === 404,
      ),
    ).toBe(true)
    await expectCacheMatchesServer(p, '/api/assets/', 'huvr_assets')
  })

  it('keeps the cache when HUVR suddenly lists nothing (fail-safe), and says so', async () => {
    const p = await start({ seed: { assets: 300 } })
    await syncOnce(p)
    for (const asset of [...p.sim.state.tables.assets.all()]) p.sim.state.remove('assets', asset.id)
    const result = await syncOnce(p, { full: true })
    expect(result.ok).toBe(false)
    expect(result.kinds['huvr.assets']?.errors.join(' ')).toMatch(/fail-safe/)
    expect(cachedRecords(p.core, 'huvr_assets').size).toBe(300)
  })

  it('reports wrong credentials once, with one sign-in request, and leaves the cache intact', async () => {
    const p = await start({ seed: { assets: 200 } })
    await syncOnce(p)
    setConnectionSecret(p.core.secrets, p.connectionId, 'not-the-secret')
    p.sim.clearRequestLog()
    const result = await syncOnce(p)
    expect(result.ok).toBe(false)
    expect(result.error).toMatch(/refused the client id or secret/)
    expect(
      p.sim.requestLog.filter((entry) => entry.path === '/api/auth/obtain-access-token/'),
    ).toHaveLength(1)
    expect(p.sim.requestLog).toHaveLength(1)
    expect(cachedRecords(p.core, 'huvr_assets').size).toBe(200)
    const status = await p.core.dispatcher.dispatch('app.status', {})
    expect(status).toMatchObject({ ok: true, value: { connections: [{ state: 'needs-sign-in' }] } })
  })

  it('brings media, thumbnails, checklists, defects and measurements of projects marked available offline', async () => {
    const p = await start({
      seed: { assets: 300, mediaPerProject: 3, checklistsPerProject: 1, defectsPerProject: 2 },
    })
    await syncOnce(p)
    await p.sim.settled()
    const project = p.sim.state.tables.projects
      .all()
      .find((candidate) =>
        p.sim.state.tables.media
          .all()
          .some((media) => media.project === candidate.id && media.state === 'UPLOADED'),
      )!
    const marked = await rpc(p.core).call('projects.setAvailableOffline', {
      connectionId: p.connectionId,
      id: project.id,
      available: true,
    })
    expect(marked).toMatchObject({ ok: true, value: { availableOffline: true } })
    const result = await syncOnce(p)
    expect(result.ok).toBe(true)

    const detail = await rpc(p.core).call('projects.get', {
      connectionId: p.connectionId,
      id: project.id,
    })
    if (!detail.ok) throw new Error(detail.error.message)
    const serverMedia = p.sim.state.tables.media
      .all()
      .filter((media) => media.project === project.id)
    expect(detail.value.media.map((media) => media.id).sort()).toEqual(
      serverMedia.map((media) => media.id).sort(),
    )
    const withThumbnail = detail.value.media.filter((media) => media.thumbnailSha256 !== null)
    expect(withThumbnail.length).toBe(
      serverMedia.filter((media) => media.storage.thumbnail !== null).length,
    )
    expect(withThumbnail.length).toBeGreaterThan(0)
    for (const media of withThumbnail)
      expect(p.core.files.pathFor(media.thumbnailSha256!)).not.toBeNull()
    const serverDefects = p.sim.state.tables.defects
      .all()
      .filter((defect) => defect.project === project.id)
    expect(detail.value.defects).toHaveLength(serverDefects.length)
  })
})
