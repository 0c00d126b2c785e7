import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHuvrSimulator } from '../../../src/sandbox/huvr'
import { type ApiClient, startSignedIn } from './helpers'

let sim: RunningHuvrSimulator
let api: ApiClient

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({ seed: { assets: 50 } }))
})
afterAll(() => sim.stop())

describe('trailing slash rule', () => {
  it('answers Django’s HTML 404 for a path without the slash', async () => {
    const answer = await api.get('/api/assets')
    expect(answer.status).toBe(404)
    expect(answer.headers.get('content-type')).toContain('text/html')
    expect((await api.get('/api/assets/1')).status).toBe(404)
  })

  it('can redirect GETs to the slashed URL instead (setting), never other methods', async () => {
    sim.configure({ settings: { missingTrailingSlash: 'redirect-get' } })
    try {
      const get = await api.get('/api/assets?limit=2')
      expect(get.status).toBe(301)
      expect(get.headers.get('location')).toBe('/api/assets/?limit=2')
      const post = await api.post('/api/assets', { name: 'x', type: 1 })
      expect(post.status).toBe(404)
    } finally {
      sim.configure({ settings: { missingTrailingSlash: 'not-found' } })
    }
  })

  it('answers 404 HTML for unknown routes', async () => {
    const answer = await api.get('/api/no-such-thing/')
    expect(answer.status).toBe(404)
    expect(answer.headers.get('content-type')).toContain('text/html')
  })
})

describe('ids and method handling', () => {
  it('uses integer ids; anything else is a DRF 404', async () => {
    const asset = await api.get('/api/assets/1/')
    expect(asset.status).toBe(200)
    expect(asset.body.id).toBe(1)
    for (const path of ['/api/assets/abc/', '/api/assets/999999/']) {
      const missing = await api.get(path)
      expect(missing.status).toBe(404)
      expect(missing.body).toEqual({ detail: 'Not found.' })
    }
  })

  it('has no PUT, PATCH or DELETE on checklists', async () => {
    const answer = await api.patch('/api/checklists/1/', { edit: {} })
    expect(answer.status).toBe(405)
    expect(answer.body).toEqual({ detail: 'Method "PATCH" not allowed.' })
    expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('lists allowed methods in DRF order on every answer', async () => {
    const answer = await api.get('/api/assets/1/')
    expect(answer.headers.get('allow')).toBe('GET, PUT, PATCH, DELETE, HEAD, OPTIONS')
  })

  it('answers HEAD like GET without a body', async () => {
    const answer = await api.call('HEAD', '/api/assets/1/')
    expect(answer.status).toBe(200)
    expect(answer.body).toBe('')
  })

  it('returns bare arrays where the spec says so', async () => {
    const status = await api.get('/api/projects/1/status/')
    expect(Array.isArray(status.body)).toBe(true)
    expect(status.body[0]).toMatchObject({ project: 1, status: 'INITIALIZED' })
    const revisions = await api.get('/api/checklists/1/revisions/')
    expect(Array.isArray(revisions.body)).toBe(true)
  })
})
