import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock, type RunningHuvrSimulator } from '../../../src/sandbox/huvr'
import { type ApiClient, startSignedIn } from './helpers'

const clock = createManualClock(Date.UTC(2026, 0, 10, 8, 0, 0))
let sim: RunningHuvrSimulator
let api: ApiClient

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({ seed: { assets: 20 }, clock: clock.now }))
})
afterAll(() => sim.stop())

describe('rate throttle (requests per window)', () => {
  it('answers 429 with DRF’s detail and Retry-After once the window is full', async () => {
    sim.configure({ settings: { throttle: { requests: 3, windowSeconds: 10 } } })
    try {
      for (let index = 0; index < 3; index += 1) {
        expect((await api.get('/api/assets/?limit=1')).status).toBe(200)
        clock.advance(1_000)
      }
      const refused = await api.get('/api/assets/?limit=1')
      expect(refused.status).toBe(429)
      // The oldest request (at 0 s) leaves the 10 s window 7 s from now (it is 3 s).
      expect(refused.headers.get('retry-after')).toBe('7')
      expect(refused.body).toEqual({
        detail: 'Request was throttled. Expected available in 7 seconds.',
      })
      clock.advance(7_000)
      expect((await api.get('/api/assets/?limit=1')).status).toBe(200)
    } finally {
      sim.configure({ settings: { throttle: null } })
    }
  })
})

describe('429 bursts', () => {
  it('refuses the next N requests when a burst is configured', async () => {
    sim.configure({ faults: { burst429: { count: 2, retryAfterSeconds: 5 } } })
    const first = await api.get('/api/projects/')
    const second = await api.get('/api/projects/')
    const third = await api.get('/api/projects/')
    expect([first.status, second.status, third.status]).toEqual([429, 429, 200])
    expect(first.headers.get('retry-after')).toBe('5')
    expect(first.body.detail).toBe('Request was throttled. Expected available in 5 seconds.')
    sim.configure({ faults: { burst429: null } })
  })

  it('can script a single 429 for one method and path', async () => {
    sim.failNext({
      kind: 'throttle',
      method: 'POST',
      pathPrefix: '/api/assets/',
      retryAfterSeconds: 3,
    })
    expect((await api.get('/api/assets/?limit=1')).status).toBe(200)
    const refused = await api.post('/api/assets/', { name: 'Later', type: 7 })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('3')
    expect((await api.post('/api/assets/', { name: 'Later', type: 7 })).status).toBe(201)
  })
})
