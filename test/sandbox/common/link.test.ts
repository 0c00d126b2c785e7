import { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { LinkShaper, type LinkSettings } from '../../../src/sandbox/common/link'
import { startHuvrSimulator } from '../../../src/sandbox/huvr'

const MBIT = 1_000_000
/** One second's worth of bytes at 5 Mbit/s. */
const SECOND_AT_5 = (5 * MBIT) / 8

function shaperWith(settings: Partial<LinkSettings>) {
  const link: LinkSettings = {
    latencyMs: 0,
    connectionBitsPerSecond: null,
    totalBitsPerSecond: null,
    ...settings,
  }
  return { shaper: new LinkShaper(() => link), link }
}

// The waits are what the pacer books for bytes handed to it back to back, not measured times.
describe('field link pacing', () => {
  it('holds each connection to its own rate, one direction independent of the other', () => {
    const { shaper } = shaperWith({ connectionBitsPerSecond: 5 * MBIT })
    const [a, b] = [new Socket(), new Socket()]
    expect(shaper.delay(a, 'up', SECOND_AT_5)).toBeCloseTo(1000, -1)
    expect(shaper.delay(a, 'up', SECOND_AT_5)).toBeCloseTo(2000, -1)
    expect(shaper.delay(b, 'up', SECOND_AT_5)).toBeCloseTo(1000, -1)
    expect(shaper.delay(a, 'down', SECOND_AT_5)).toBeCloseTo(1000, -1)
  })

  it('shares the overall cap between connections', () => {
    const { shaper } = shaperWith({
      connectionBitsPerSecond: 5 * MBIT,
      totalBitsPerSecond: 10 * MBIT,
    })
    const sockets = [new Socket(), new Socket(), new Socket(), new Socket()]
    // Four connections send a second's worth each at 5 Mbit/s: 20 Mbit over a 10 Mbit link.
    const waits = sockets.map((socket) => shaper.delay(socket, 'up', SECOND_AT_5))
    expect(waits[0]).toBeCloseTo(1000, -1) // its own cap
    expect(waits[3]).toBeCloseTo(2000, -1) // the link's: 20 Mbit take 2 s
  })

  it('follows changed settings, and paces nothing without caps', () => {
    const { shaper, link } = shaperWith({ latencyMs: 100 })
    expect(shaper.shaping).toBe(false)
    expect(shaper.latencyMs).toBe(100)
    expect(shaper.delay(new Socket(), 'up', 10 * SECOND_AT_5)).toBe(0)
    link.totalBitsPerSecond = 5 * MBIT
    expect(shaper.shaping).toBe(true)
    expect(shaper.delay(new Socket(), 'up', SECOND_AT_5)).toBeCloseTo(1000, -1)
  })
})

describe('field link settings on the HUVR simulator', () => {
  it('are set with configure() and over /_simulator/config, and requests still get through', async () => {
    const sim = await startHuvrSimulator({
      seed: { assets: 5 },
      settings: { linkLatencyMs: 5, linkConnectionBitsPerSecond: 50 * MBIT },
    })
    try {
      expect(sim.settings).toMatchObject({
        linkLatencyMs: 5,
        linkConnectionBitsPerSecond: 50 * MBIT,
        linkTotalBitsPerSecond: null,
      })
      const patched = await fetch(`${sim.baseUrl}/_simulator/config`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ settings: { linkTotalBitsPerSecond: 80 * MBIT } }),
      })
      expect(patched.status).toBe(200)
      expect(sim.settings.linkTotalBitsPerSecond).toBe(80 * MBIT)
      expect(() => sim.configure({ settings: { linkTotalBitsPerSecond: 0 } })).toThrow()

      const token = await fetch(`${sim.baseUrl}/api/auth/obtain-access-token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(sim.credentials),
      })
      expect(token.status).toBe(200)
      const page = await fetch(`${sim.baseUrl}/api/assets/?limit=5`, {
        headers: {
          authorization: `Token ${((await token.json()) as { access_token: string }).access_token}`,
        },
      })
      expect(page.status).toBe(200)
      expect(((await page.json()) as { results: unknown[] }).results).toHaveLength(5)
    } finally {
      await sim.stop()
    }
  })
})
