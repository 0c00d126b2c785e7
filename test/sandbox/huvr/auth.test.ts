import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createManualClock,
  type RunningHuvrSimulator,
  startHuvrSimulator,
} from '../../../src/sandbox/huvr'
import { apiClient, read } from './helpers'

const clock = createManualClock(Date.UTC(2026, 2, 1, 9, 0, 0))
let sim: RunningHuvrSimulator

beforeAll(async () => {
  sim = await startHuvrSimulator({ clock: clock.now, settings: { tokenLifetimeSeconds: 2 } })
})
afterAll(() => sim.stop())

function signIn(body: unknown) {
  return fetch(`${sim.baseUrl}/api/auth/obtain-access-token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(read)
}

describe('obtain-access-token', () => {
  it('answers 200 with a token, expires_in as a string, token_type and the user profile', async () => {
    const answer = await signIn(sim.credentials)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      expires_in: '2',
      token_type: 'Token',
      user: { email: sim.credentials.client_id, id: 1 },
    })
    expect(typeof answer.body.access_token).toBe('string')
    expect(answer.body.access_token.split('.')).toHaveLength(3)
    expect(answer.body.user.permissions).toContain('asset_create')
    expect(Array.isArray(answer.body.user.crews)).toBe(true)
  })

  it('rejects a wrong secret with 401 and a DRF detail', async () => {
    const answer = await signIn({ ...sim.credentials, client_secret: 'nope' })
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual({ detail: 'Unable to log in with provided credentials.' })
  })

  it('can answer wrong credentials with 400 instead (setting)', async () => {
    sim.configure({ settings: { badCredentialsStatus: 400 } })
    try {
      const answer = await signIn({ ...sim.credentials, client_secret: 'nope' })
      expect(answer.status).toBe(400)
      expect(answer.body).toHaveProperty('detail')
    } finally {
      sim.configure({ settings: { badCredentialsStatus: 401 } })
    }
  })

  it('validates the body field by field', async () => {
    const answer = await signIn({ client_id: 'not-an-email' })
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({
      client_id: ['Enter a valid email address.'],
      client_secret: ['This field is required.'],
    })
  })
})

describe('Token authentication', () => {
  it('accepts "Authorization: Token …" and serves /api/users/me/', async () => {
    const token = (await signIn(sim.credentials)).body.access_token
    const me = await apiClient(sim, token).get('/api/users/me/')
    expect(me.status).toBe(200)
    expect(me.body.email).toBe(sim.credentials.client_id)
    expect(me.body).toHaveProperty('roles')
    expect(me.body).toHaveProperty('permissions')
  })

  it('answers 401 with WWW-Authenticate when the header is missing', async () => {
    const answer = await fetch(`${sim.baseUrl}/api/assets/`).then(read)
    expect(answer.status).toBe(401)
    expect(answer.headers.get('www-authenticate')).toBe('Token')
    expect(answer.body).toEqual({ detail: 'Authentication credentials were not provided.' })
  })

  it('does not recognise the Bearer scheme', async () => {
    const token = (await signIn(sim.credentials)).body.access_token
    const answer = await fetch(`${sim.baseUrl}/api/assets/`, {
      headers: { authorization: `Bearer ${token}` },
    }).then(read)
    expect(answer.status).toBe(401)
    expect(answer.body.detail).toBe('Authentication credentials were not provided.')
  })

  it('answers 401 for a token it never issued', async () => {
    const answer = await apiClient(sim, 'forged.token.value').get('/api/assets/')
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual({ detail: 'Invalid token.' })
  })

  it('expires tokens after the configured lifetime', async () => {
    const token = (await signIn(sim.credentials)).body.access_token
    const api = apiClient(sim, token)
    clock.advance(1_500)
    expect((await api.get('/api/users/me/')).status).toBe(200)
    clock.advance(600)
    const expired = await api.get('/api/users/me/')
    expect(expired.status).toBe(401)
    expect(expired.headers.get('www-authenticate')).toBe('Token')
    expect(expired.body).toHaveProperty('detail')
    // No refresh endpoint: signing in again is the way back.
    const fresh = (await signIn(sim.credentials)).body.access_token
    expect((await apiClient(sim, fresh).get('/api/users/me/')).status).toBe(200)
  })

  it('can expire every token at once', async () => {
    const token = (await signIn(sim.credentials)).body.access_token
    sim.expireTokens()
    expect((await apiClient(sim, token).get('/api/users/me/')).status).toBe(401)
  })

  it('runs authentication before the method check, as DRF does', async () => {
    const unauthenticated = await fetch(`${sim.baseUrl}/api/users/me/`, { method: 'DELETE' })
    expect(unauthenticated.status).toBe(401)
    const token = (await signIn(sim.credentials)).body.access_token
    const answer = await apiClient(sim, token).delete('/api/users/me/')
    expect(answer.status).toBe(405)
    expect(answer.body).toEqual({ detail: 'Method "DELETE" not allowed.' })
    expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
  })
})
