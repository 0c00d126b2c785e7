import { afterEach, describe, expect, it } from 'vitest'
import type { ScriptedFault } from '../../src/sandbox/huvr'
import { cachedRecords, startHuvrPair, type HuvrPair } from '../support/huvr'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

/** Syncs once cleanly, then again with every asset list answered badly; returns the assets' errors. */
async function syncThroughBadAnswer(
  fault: Omit<ScriptedFault, 'pathPrefix' | 'method'>,
): Promise<{ errors: string[]; intact: boolean }> {
  pair = await startHuvrPair({ seed: { assets: 250 } })
  const [first] = await pair.core.sync.run({})
  expect(first?.ok).toBe(true)
  const before = cachedRecords(pair.core, 'huvr_assets')
  pair.sim.failNext({
    ...fault,
    method: 'GET',
    pathPrefix: '/api/assets/',
    times: fault.times ?? 100,
  })
  const [second] = await pair.core.sync.run({ full: true })
  expect(second?.ok).toBe(false)
  // The other collections still synced: one bad list does not stop the rest.
  expect(second?.kinds['huvr.projects']?.errors).toEqual([])
  const after = cachedRecords(pair.core, 'huvr_assets')
  const intact =
    after.size === before.size &&
    [...before].every(([id, record]) => JSON.stringify(after.get(id)) === JSON.stringify(record))
  return { errors: second?.kinds['huvr.assets']?.errors ?? [], intact }
}

describe('HUVR answers we cannot use', () => {
  it('malformed JSON: a clear error, the cache left as it was', async () => {
    const { errors, intact } = await syncThroughBadAnswer({
      kind: 'garbled',
      status: 200,
      contentType: 'application/json',
      body: '{"count": 250, "next": null, "results": [{"id": 1, "na',
    })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/not JSON/)
    expect(intact).toBe(true)
  })

  it('an HTML page in place of JSON (a captive portal): a clear error quoting it', async () => {
    const { errors, intact } = await syncThroughBadAnswer({
      kind: 'garbled',
      status: 200,
      body: '<html><head><title>Hotel WiFi</title></head><body>Please log in</body></html>',
    })
    expect(errors[0]).toMatch(/not JSON.*Hotel WiFi/)
    expect(intact).toBe(true)
  })

  it('an HTML error page from a proxy, again and again: a server error after bounded retries', async () => {
    const { errors, intact } = await syncThroughBadAnswer({
      kind: 'garbled',
      status: 502,
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    })
    expect(errors[0]).toMatch(/server error \(HTTP 502\)/)
    expect(intact).toBe(true)
  })

  it('a 500 with no body: a server error after bounded retries', async () => {
    const { errors, intact } = await syncThroughBadAnswer({
      kind: 'garbled',
      status: 500,
      body: '',
    })
    expect(errors[0]).toMatch(/server error \(HTTP 500\).*times in a row/)
    expect(intact).toBe(true)
    const attempts = pair!.sim.requestLog.filter(
      (entry) => entry.path === '/api/assets/' && entry.fault === 'garbled',
    )
    expect(attempts.length).toBeLessThanOrEqual(12)
  })

  it('records missing required fields: the record and field named, nothing written', async () => {
    const { errors, intact } = await syncThroughBadAnswer({
      kind: 'garbled',
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        count: 2,
        next: null,
        previous: null,
        results: [{ id: 1, name: 'Tank T-1' }, { id: 2 }],
      }),
    })
    expect(errors[0]).toMatch(/id 2.*name/)
    expect(intact).toBe(true)
  })
})
