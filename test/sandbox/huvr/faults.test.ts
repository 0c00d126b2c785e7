import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningHuvrSimulator, startHuvrSimulator } from '../../../src/sandbox/huvr'
import { expectFaultsToFollowSeed, patchControlConfig, statusesOf } from '../common/helpers'
import { type ApiClient, apiClient, obtainToken, read, startSignedIn } from './helpers'

let sim: RunningHuvrSimulator
let api: ApiClient

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({ seed: { assets: 30 } }))
})
afterAll(() => sim.stop())

describe('5xx rate', () => {
  it('answers every matching request with a 5xx at rate 1, before handling it', async () => {
    sim.configure({ faults: { serverErrorRate: 1 } })
    try {
      const before = sim.state.tables.assets.size
      const created = await api.post('/api/assets/', { name: 'Never', type: 7 })
      expect([500, 502, 503]).toContain(created.status)
      expect(sim.state.tables.assets.size).toBe(before)
      expect(sim.requestLog.at(-1)).toMatchObject({ fault: 'server-error' })
    } finally {
      sim.configure({ faults: { serverErrorRate: 0 } })
    }
  })

  it('fails the same requests for the same seed (and others for another seed)', async () => {
    await expectFaultsToFollowSeed(async (seed) => {
      const other = await startHuvrSimulator({
        seed: { assets: 5 },
        faults: { serverErrorRate: 0.5, seed },
      })
      try {
        other.configure({ faults: { serverErrorRate: 0 } })
        const client = apiClient(other, await obtainToken(other))
        other.configure({ faults: { serverErrorRate: 0.5 } })
        return await statusesOf(client, '/api/assets/?limit=1', 24)
      } finally {
        await other.stop()
      }
    })
  })
})

describe('connection resets', () => {
  it('drops the connection before handling: fetch fails and nothing changes', async () => {
    const before = sim.state.tables.assets.size
    sim.failNext({ kind: 'reset-before', method: 'POST' })
    await expect(api.post('/api/assets/', { name: 'Lost', type: 7 })).rejects.toThrow()
    expect(sim.state.tables.assets.size).toBe(before)
  })

  it('lets `skip` matching requests through before a scripted fault strikes', async () => {
    sim.failNext({ kind: 'reset-before', method: 'GET', pathPrefix: '/api/assets/', skip: 2 })
    expect((await api.get('/api/assets/?limit=1')).status).toBe(200)
    expect((await api.get('/api/users/me/')).status).toBe(200) // not matching: not counted
    expect((await api.get('/api/assets/?limit=1')).status).toBe(200)
    await expect(api.get('/api/assets/?limit=1')).rejects.toThrow()
    expect((await api.get('/api/assets/?limit=1')).status).toBe(200)
  })

  it('loses the response after handling: the create happened, the client cannot know', async () => {
    sim.failNext({ kind: 'lost-response', method: 'POST', pathPrefix: '/api/inspection-media/' })
    const body = { filename: 'retry.jpg', client_id: 'outbox-item-17' }
    await expect(api.post('/api/inspection-media/', body)).rejects.toThrow()
    // Looking before re-sending finds the record; blindly re-sending is refused.
    const found = await api.get('/api/inspection-media/?client_id=outbox-item-17')
    expect(found.body.count).toBe(1)
    expect((await api.post('/api/inspection-media/', body)).status).toBe(400)
  })

  it('cuts the body off half-way: headers arrive, reading the body fails', async () => {
    sim.configure({ faults: { resetMidBodyRate: 1, paths: ['/api/projects/'] } })
    try {
      const response = await fetch(`${sim.baseUrl}/api/projects/?limit=50`, {
        headers: { authorization: `Token ${await tokenOf()}` },
      })
      expect(response.status).toBe(200)
      await expect(response.text()).rejects.toThrow()
      expect((await api.get('/api/assets/?limit=1')).status).toBe(200) // other paths unaffected
    } finally {
      sim.configure({ faults: { resetMidBodyRate: 0, paths: ['/api/', '/storage/'] } })
    }
  })
})

describe('latency and the request log', () => {
  it('still answers with added latency', async () => {
    sim.configure({ faults: { latencyMs: 30 } })
    try {
      expect((await api.get('/api/users/me/')).status).toBe(200)
    } finally {
      sim.configure({ faults: { latencyMs: 0 } })
    }
  })

  it('records method, path, query, status and write bodies', async () => {
    sim.clearRequestLog()
    await api.get('/api/assets/?limit=2&search=a&search=b')
    await api.patch('/api/assets/3/', { description: 'logged' })
    expect(sim.requestLog).toHaveLength(2)
    expect(sim.requestLog[0]).toMatchObject({
      method: 'GET',
      path: '/api/assets/',
      query: { limit: '2', search: ['a', 'b'] },
      status: 200,
      authorized: true,
    })
    expect(sim.requestLog[0]).not.toHaveProperty('body')
    expect(sim.requestLog[1]).toMatchObject({
      method: 'PATCH',
      path: '/api/assets/3/',
      status: 200,
      body: { description: 'logged' },
    })
  })
})

describe('control', () => {
  it('is reachable over HTTP under /_simulator/', async () => {
    const patched = await patchControlConfig(sim.baseUrl, {
      settings: { defaultPageSize: 7 },
    }).then(read)
    expect(patched.status).toBe(200)
    expect(patched.body.settings.defaultPageSize).toBe(7)
    expect((await api.get('/api/assets/')).body.results).toHaveLength(7)

    const invalid = await patchControlConfig(sim.baseUrl, { faults: { serverErrorRate: 3 } })
    expect(invalid.status).toBe(400)

    const log = await fetch(`${sim.baseUrl}/_simulator/requests`).then(read)
    expect(Array.isArray(log.body)).toBe(true)
    sim.configure({ settings: { defaultPageSize: 100 } })
  })

  it('rejects invalid settings from configure()', () => {
    expect(() => sim.configure({ settings: { maxPageSize: -1 } })).toThrow()
    expect(sim.settings.maxPageSize).toBe(1000)
  })
})

let token: string | undefined
async function tokenOf(): Promise<string> {
  token ??= await obtainToken(sim)
  return token
}
