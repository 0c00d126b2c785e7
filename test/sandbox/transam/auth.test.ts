import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  createManualClock,
  type RunningTransamSimulator,
  startTransamSimulator,
} from '../../../src/sandbox/transam'
import { apiClient, JSON_HEADERS, read, signIn, tokenFor } from './helpers'

const clock = createManualClock(Date.UTC(2025, 5, 2, 9, 0, 0))
let sim: RunningTransamSimulator

beforeAll(async () => {
  sim = await startTransamSimulator({ seed: { assets: 20 }, clock: clock.now })
})
afterAll(() => sim.stop())
beforeEach(() => sim.unlockUsers())

const wrong = (s: RunningTransamSimulator) => signIn(s, s.credentials.email, 'not-the-password')

describe('sign-in', () => {
  it('answers the session with the token, organization and privileges', async () => {
    const answer = await signIn(sim)
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      status: 'success',
      data: {
        message: 'User Signed In Successfully',
        session: {
          name: 'Fieldstation Inspector',
          email: sim.credentials.email,
          authentication_token: expect.stringMatching(/^[A-Za-z0-9_-]{20}$/),
          failed_attempts: 0,
          organization: { name: 'Bayview Regional Transit Authority' },
          privileges: [
            { name: 'manager', label: 'Manager' },
            { name: 'transit_manager', label: 'Transit Manager' },
          ],
        },
      },
    })
    expect(answer.body.data.session.authentication_token).not.toMatch(/[lIO0]/)
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
  })

  it('walks through wrong passwords: password, password, last attempt, locked, locked', async () => {
    const email = sim.credentials.email
    const bodies = []
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const answer = await wrong(sim)
      expect(answer.status).toBe(401)
      bodies.push(answer.body)
    }
    const incorrect = `Incorrect password for ${email}.`
    expect(bodies[0]).toEqual({ data: { errors: { password: incorrect } }, status: 'fail' })
    expect(bodies[1]).toEqual({ data: { errors: { password: incorrect } }, status: 'fail' })
    expect(bodies[2]).toEqual({
      data: {
        errors: {
          last_attempt: 'You have one more attempt before account is locked for 5 minutes.',
          password: incorrect,
        },
      },
      status: 'fail',
    })
    expect(Object.keys(bodies[2].data.errors)).toEqual(['last_attempt', 'password'])
    const locked = {
      data: { errors: { locked: 'User account is temporarily locked. Try again in 5 minutes.' } },
      status: 'fail',
    }
    expect(bodies[3]).toEqual(locked)
    expect(bodies[4]).toEqual(locked)
  })

  it('refuses the right password while locked, counts the minutes down and unlocks after 5', async () => {
    for (let attempt = 0; attempt < 4; attempt += 1) await wrong(sim)
    const refused = await signIn(sim)
    expect(refused.status).toBe(401)
    expect(refused.body.data.errors).toEqual({
      locked: 'User account is temporarily locked. Try again in 5 minutes.',
    })
    clock.advance(150_000) // 2.5 minutes left: Ruby rounds half away from zero
    expect((await signIn(sim)).body.data.errors.locked).toBe(
      'User account is temporarily locked. Try again in 3 minutes.',
    )
    clock.advance(100_000)
    expect((await signIn(sim)).body.data.errors.locked).toBe(
      'User account is temporarily locked. Try again in 1 minutes.',
    )
    clock.advance(50_001) // past the 5 minutes
    const unlocked = await signIn(sim)
    expect(unlocked.status).toBe(200)
    expect(unlocked.body.data.session.failed_attempts).toBe(0)
  })

  it('does not reset failed_attempts on success; the next token request does', async () => {
    await wrong(sim)
    await wrong(sim)
    const answer = await signIn(sim)
    expect(answer.body.data.session.failed_attempts).toBe(2)
    const api = apiClient(sim, answer.body.data.session.authentication_token)
    expect((await api.get('/api/touch_session')).status).toBe(200)
    expect((await signIn(sim)).body.data.session.failed_attempts).toBe(0)
  })

  it('answers 400 for an unknown or empty email and 500 for a missing one', async () => {
    const unknown = await signIn(sim, 'nobody@example.com', 'x')
    expect(unknown.status).toBe(400)
    expect(unknown.body).toEqual({
      data: { errors: { email: 'Could not find user with email nobody@example.com' } },
      status: 'fail',
    })
    const empty = await signIn(sim, '', 'x')
    expect(empty.status).toBe(400)
    expect(empty.body.data.errors.email).toBe('Could not find user with email ')
    const missing = await fetch(`${sim.baseUrl}/api/v1/sign_in`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ password: 'x' }),
    }).then(read)
    expect(missing.status).toBe(500)
    expect(missing.body).toMatchObject({
      message: "undefined method `downcase' for nil:NilClass",
      data: { type: 'NoMethodError', message: "undefined method `downcase' for nil:NilClass" },
      status: 'error',
    })
    expect(Array.isArray(missing.body.data.backtrace)).toBe(true)
  })

  it('matches the email case-insensitively and accepts form data', async () => {
    const answer = await fetch(`${sim.baseUrl}/api/v1/sign_in`, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: new URLSearchParams({
        email: sim.credentials.email.toUpperCase(),
        password: sim.credentials.password,
      }),
    }).then(read)
    expect(answer.status).toBe(200)
  })
})

describe('tokens', () => {
  it('returns the same token on every sign-in (no rotation)', async () => {
    expect(await tokenFor(sim)).toBe(await tokenFor(sim))
  })

  it('rotates the token on sign-out: the old one stops working everywhere', async () => {
    const old = await tokenFor(sim)
    const api = apiClient(sim, old)
    const out = await api.delete('/api/v1/sign_out')
    expect(out.status).toBe(200)
    expect(out.body).toEqual({
      status: 'success',
      data: { message: `User ${sim.credentials.email} successfully signed out.` },
    })
    expect((await api.get('/api/touch_session')).status).toBe(401)
    expect((await api.delete('/api/v1/sign_out')).status).toBe(401)
    const fresh = await tokenFor(sim)
    expect(fresh).not.toBe(old)
    expect(fresh).toHaveLength(20)
    expect((await apiClient(sim, fresh).get('/api/touch_session')).status).toBe(200)
  })

  it('answers 401 JSend fail without a valid email and token pair', async () => {
    const token = await tokenFor(sim)
    const expected = { status: 'fail', data: { user: 'Valid email and token must be present.' } }
    const bare = await fetch(`${sim.baseUrl}/api/v1/assets`, { headers: JSON_HEADERS }).then(read)
    expect(bare.status).toBe(401)
    expect(bare.body).toEqual(expected)
    const onlyToken = await fetch(`${sim.baseUrl}/api/v1/assets`, {
      headers: { ...JSON_HEADERS, 'x-user-token': token },
    }).then(read)
    expect(onlyToken.body).toEqual(expected)
    const otherUser = [...sim.state.users.values()].find((user) => user.id !== 1 && user.active)!
    expect((await apiClient(sim, token, otherUser.email).get('/api/v1/assets')).status).toBe(401)
    expect(
      (
        await apiClient(sim, `${token.slice(0, 19)}${token.endsWith('x') ? 'y' : 'x'}`).get(
          '/api/v1/assets',
        )
      ).status,
    ).toBe(401)
  })

  it('takes the pair from params too, the email in any case', async () => {
    const token = await tokenFor(sim)
    const query = new URLSearchParams({ user_email: sim.credentials.email, user_token: token })
    const answer = await fetch(`${sim.baseUrl}/api/touch_session?${query}`).then(read)
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({})
    const upper = apiClient(sim, token, sim.credentials.email.toUpperCase())
    expect((await upper.get('/api/touch_session')).status).toBe(200)
    // A param wins over a header.
    const mixed = await fetch(`${sim.baseUrl}/api/touch_session?user_token=wrong-token-xxxxxxxx`, {
      headers: { 'x-user-email': sim.credentials.email, 'x-user-token': token },
    })
    expect(mixed.status).toBe(401)
  })

  it('refuses a locked user with a valid token through Devise (not JSend)', async () => {
    const token = await tokenFor(sim)
    for (let attempt = 0; attempt < 4; attempt += 1) await wrong(sim)
    const api = apiClient(sim, token)
    const json = await api.get('/api/v1/organizations')
    expect(json.status).toBe(401)
    expect(json.body).toEqual({ error: 'Your account is locked.' })
    const html = await api.get('/api/v1/organizations', { accept: 'text/html' })
    expect(html.status).toBe(302)
    expect(html.headers.get('location')).toBe(`${sim.baseUrl}/users/sign_in`)
    clock.advance(300_001)
    expect((await api.get('/api/v1/organizations')).status).toBe(200)
  })

  it('hides inactive users from sign-in', async () => {
    const inactive = [...sim.state.users.values()].find((user) => !user.active)!
    const answer = await signIn(sim, inactive.email, inactive.password)
    expect(answer.status).toBe(400)
  })
})
