import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningTransamSimulator, startTransamSimulator } from '../../../src/sandbox/transam'
import { expectFaultsToFollowSeed, patchControlConfig, statusesOf } from '../common/helpers'
import {
  type ApiClient,
  apiClient,
  assetWithDocuments,
  documentForm,
  read,
  startSignedIn,
  tokenFor,
} from './helpers'

let sim: RunningTransamSimulator
let api: ApiClient
let assetKey: string

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({ seed: { assets: 30 } }))
  assetKey = assetWithDocuments(sim)
})
afterAll(() => sim.stop())

describe('random faults', () => {
  it('answers 5xx before handling at rate 1 (Rails or proxy HTML)', async () => {
    sim.configure({ faults: { serverErrorRate: 1, serverErrorStatuses: [502] } })
    try {
      const before = sim.state.documents.size
      const answer = await api.post(
        `/api/v1/assets/${assetKey}/documents`,
        documentForm({ description: 'never' }, { name: 'a.pdf', bytes: new Uint8Array([1, 2, 3]) }),
      )
      expect(answer.status).toBe(502)
      expect(answer.text).toContain('502 Bad Gateway')
      expect(sim.state.documents.size).toBe(before)
      expect(sim.requestLog.at(-1)).toMatchObject({ fault: 'server-error' })
    } finally {
      sim.configure({ faults: { serverErrorRate: 0, serverErrorStatuses: [500, 502, 503] } })
    }
  })

  it('fails the same requests for the same seed', async () => {
    await expectFaultsToFollowSeed(async (seed) => {
      const other = await startTransamSimulator({ seed: { assets: 5 }, faults: { seed } })
      try {
        const client = apiClient(other, await tokenFor(other))
        other.configure({ faults: { serverErrorRate: 0.5, seed } })
        return await statusesOf(client, '/api/v1/organizations', 24)
      } finally {
        await other.stop()
      }
    })
  })

  it('adds latency and still answers', async () => {
    sim.configure({ faults: { latencyMs: 25 } })
    try {
      expect((await api.get('/api/touch_session')).status).toBe(200)
    } finally {
      sim.configure({ faults: { latencyMs: 0 } })
    }
  })
})

describe('scripted faults', () => {
  it('drops the connection before handling: nothing changes', async () => {
    const before = sim.state.documents.size
    sim.failNext({ kind: 'reset-before', method: 'POST' })
    await expect(
      api.post(
        `/api/v1/assets/${assetKey}/documents`,
        documentForm({ description: 'lost' }, { name: 'a.pdf', bytes: new Uint8Array([1]) }),
      ),
    ).rejects.toThrow()
    expect(sim.state.documents.size).toBe(before)
  })

  it('loses the response after handling: the upload happened', async () => {
    const before = sim.state.documents.size
    sim.failNext({ kind: 'lost-response', method: 'POST', pathPrefix: '/api/v1/assets/' })
    await expect(
      api.post(
        `/api/v1/assets/${assetKey}/documents`,
        documentForm(
          { description: 'uploaded but unanswered' },
          { name: 'b.pdf', bytes: new Uint8Array([2]) },
        ),
      ),
    ).rejects.toThrow()
    expect(sim.state.documents.size).toBe(before + 1)
    const index = await api.get(`/api/v1/assets/${assetKey}/documents`)
    expect(index.body.data.documents[0].description).toBe('uploaded but unanswered')
  })

  it('cuts a body off half-way, also on document downloads', async () => {
    sim.failNext({ kind: 'reset-mid-body', pathPrefix: '/api/v1/assets' })
    const response = await fetch(`${sim.baseUrl}/api/v1/assets`, {
      headers: { 'x-user-email': sim.credentials.email, 'x-user-token': await tokenFor(sim) },
    })
    expect(response.status).toBe(200)
    await expect(response.text()).rejects.toThrow()
    // The oldest document: a seeded PDF of some hundred bytes.
    const url = (await api.get(`/api/v1/assets/${assetKey}/documents`)).body.data.documents.at(
      -1,
    ).url
    sim.failNext({ kind: 'reset-mid-body', pathPrefix: '/s3/' })
    const download = await fetch(url)
    await expect(download.arrayBuffer()).rejects.toThrow()
  })

  it('answers garbled bodies and 429 bursts', async () => {
    sim.failNext({
      kind: 'garbled',
      status: 200,
      body: '{"status":"succ',
      contentType: 'application/json',
    })
    const garbled = await fetch(`${sim.baseUrl}/api/touch_session`)
    expect(garbled.status).toBe(200)
    await expect(garbled.json()).rejects.toThrow()
    sim.configure({ faults: { burst429: { count: 2, retryAfterSeconds: 3 } } })
    const first = await api.get('/api/touch_session')
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('3')
    expect((await api.get('/api/touch_session')).status).toBe(429)
    expect((await api.get('/api/touch_session')).status).toBe(200)
  })
})

describe('request log and control', () => {
  it('records method, path, query, status, credentials and write bodies', async () => {
    sim.clearRequestLog()
    await api.get('/api/v1/users/profile?email=a%40b.example&x=1&x=2')
    await api.patch(`/api/v1/assets/NOSUCHASSET0`, { asset: { description: 'logged' } })
    await fetch(`${sim.baseUrl}/api/v1/organizations`)
    expect(sim.requestLog).toHaveLength(3)
    expect(sim.requestLog[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/users/profile',
      query: { email: 'a@b.example', x: ['1', '2'] },
      status: 404,
      authorized: true,
    })
    expect(sim.requestLog[1]).toMatchObject({
      method: 'PATCH',
      status: 500,
      body: { asset: { description: 'logged' } },
    })
    expect(sim.requestLog[2]).toMatchObject({ status: 401, authorized: false })
  })

  it('is reachable over HTTP under /_simulator/', async () => {
    const patched = await patchControlConfig(sim.baseUrl, {
      settings: { maxUploadFileSizeMb: 1 },
    }).then(read)
    expect(patched.status).toBe(200)
    expect(patched.body.settings.maxUploadFileSizeMb).toBe(1)
    const invalid = await patchControlConfig(sim.baseUrl, {
      settings: { assetsIndex: 'sometimes' },
    })
    expect(invalid.status).toBe(400)
    const failNext = await fetch(`${sim.baseUrl}/_simulator/fail-next`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'server-error', status: 503 }),
    })
    expect(failNext.status).toBe(204)
    expect((await api.get('/api/touch_session')).status).toBe(503)
    expect((await fetch(`${sim.baseUrl}/_simulator/unlock-users`, { method: 'POST' })).status).toBe(
      204,
    )
    sim.configure({ settings: { maxUploadFileSizeMb: 4 } })
    expect(() => sim.configure({ settings: { maxUploadFileSizeMb: -1 } })).toThrow()
    expect(sim.settings.maxUploadFileSizeMb).toBe(4)
  })
})
