import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningTransamSimulator } from '../../../src/sandbox/transam'
import { assetWithDocuments, read, startSignedIn, tokenFor } from './helpers'

let sim: RunningTransamSimulator
let token: string
let assetKey: string

beforeAll(async () => {
  ;({ sim, token } = await startSignedIn({ seed: { assets: 20 } }))
  assetKey = assetWithDocuments(sim)
})
afterAll(() => sim.stop())

/** A GET with the pair (fetch itself sends the any-type Accept unless told otherwise). */
function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${sim.baseUrl}${path}`, {
    headers: { 'x-user-email': sim.credentials.email, 'x-user-token': token, ...headers },
  }).then(read)
}

describe('JSON negotiation for template-only actions', () => {
  it('answers 500 UnknownFormat without JSON negotiation', async () => {
    const bare = await get(`/api/v1/assets/${assetKey}/documents`, { accept: 'text/html' })
    expect(bare.status).toBe(500)
    expect(bare.body).toMatchObject({
      message: expect.stringContaining(
        'Api::V1::DocumentsController#index is missing a template for this request format and variant.',
      ),
      data: { type: 'ActionController::UnknownFormat' },
      status: 'error',
    })
    expect(bare.body.message).toContain('request.formats: ["text/html"]')
    // Rails ignores an Accept that mixes */* with other types: browsers' and axios' defaults fail.
    const browser = await get(`/api/v1/assets/${assetKey}/documents`, {
      accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    })
    expect(browser.status).toBe(500)
    const axios = await get(`/api/v1/assets/${assetKey}/documents`, {
      accept: 'application/json, text/plain, */*',
    })
    expect(axios.status).toBe(500)
    for (const path of ['/api/v1/organizations/1', '/api/v1/users?organization_id=1']) {
      expect((await get(path, { accept: 'text/html' })).status).toBe(500)
    }
  })

  it('renders with Accept: application/json, */* alone, a .json suffix or ?format=json', async () => {
    const path = `/api/v1/assets/${assetKey}/documents`
    const html = { accept: 'text/html' }
    expect((await get(path, { accept: 'application/json' })).status).toBe(200)
    expect((await get(path, { accept: 'text/html;q=0.5, application/json' })).status).toBe(200)
    expect((await get(path, { accept: '*/*' })).status).toBe(200)
    expect((await get(`${path}.json`, html)).status).toBe(200)
    expect((await get(`${path}?format=json`, html)).status).toBe(200)
    expect(
      (await get(path, { 'x-requested-with': 'XMLHttpRequest', accept: 'text/html, */*' })).status,
    ).toBe(200)
  })

  it('does not affect actions that render JSON directly, nor failures', async () => {
    const html = { accept: 'text/html' }
    expect((await get('/api/v1/assets', html)).status).toBe(200)
    expect((await get('/api/v1/organizations', html)).status).toBe(200)
    expect((await get('/api/touch_session', html)).status).toBe(200)
    expect((await get('/api/v1/assets/NOSUCHASSET0/documents', html)).status).toBe(404)
    const signIn = await fetch(`${sim.baseUrl}/api/v1/sign_in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: sim.credentials.email, password: 'wrong' }),
    })
    expect(signIn.status).toBe(401)
    sim.unlockUsers()
  })

  it('runs the action before failing: a sign-out without JSON still rotates the token', async () => {
    const old = await tokenFor(sim)
    const out = await fetch(`${sim.baseUrl}/api/v1/sign_out`, {
      method: 'DELETE',
      headers: { 'x-user-email': sim.credentials.email, 'x-user-token': old, accept: 'text/html' },
    }).then(read)
    expect(out.status).toBe(500)
    expect(out.body.message).toContain('Api::V1::SessionsController#destroy')
    expect(await tokenFor(sim)).not.toBe(old)
    token = await tokenFor(sim)
  })

  it('can be switched off', async () => {
    sim.configure({ settings: { requireJsonFormat: false } })
    try {
      expect(
        (await get(`/api/v1/assets/${assetKey}/documents`, { accept: 'text/html' })).status,
      ).toBe(200)
    } finally {
      sim.configure({ settings: { requireJsonFormat: true } })
    }
  })
})
