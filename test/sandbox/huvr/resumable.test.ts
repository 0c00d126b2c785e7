import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock, type RunningHuvrSimulator } from '../../../src/sandbox/huvr'
import { type ApiClient, read, startSignedIn } from './helpers'

const photo = readFileSync('/work/shared/fixtures/photos/gps/DSCN0010.jpg')
const total = photo.length
const GRANULARITY = 64 * 1024

let sim: RunningHuvrSimulator
let api: ApiClient

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({
    seed: { assets: 20 },
    settings: {
      resumableUploads: true,
      resumableChunkGranularity: GRANULARITY,
      processingDelayMs: 10,
    },
  }))
})
afterAll(() => sim.stop())

function chunk(session: string, start: number, end: number) {
  return fetch(session, {
    method: 'PUT',
    headers: { 'content-range': `bytes ${start}-${end}/${total}` },
    body: photo.subarray(start, end + 1),
  }).then(read)
}

function status(session: string) {
  return fetch(session, { method: 'PUT', headers: { 'content-range': `bytes */${total}` } }).then(
    read,
  )
}

describe('GCS-style resumable sessions (setting)', () => {
  it('opens a session with POST x-goog-resumable: start, then resumes from the server’s Range', async () => {
    const { body: media } = await api.post('/api/inspection-media/', { filename: 'big.jpg' })
    expect(media.upload.headers['x-goog-resumable']).toBe('start')

    // The URL is signed for POST: a plain PUT to it does not match.
    const direct = await fetch(media.upload.url, {
      method: 'PUT',
      headers: media.upload.headers,
      body: photo,
    })
    expect(direct.status).toBe(403)

    const started = await fetch(media.upload.url, { method: 'POST', headers: media.upload.headers })
    expect(started.status).toBe(201)
    const session = started.headers.get('location')!
    expect(session).toContain('upload_id=')

    expect((await status(session)).headers.get('range')).toBeNull() // nothing stored yet

    // 100,000 bytes sent, but only whole 64 KiB units of a non-final chunk are kept.
    const first = await chunk(session, 0, 99_999)
    expect(first.status).toBe(308)
    expect(first.headers.get('range')).toBe(`bytes=0-${GRANULARITY - 1}`)

    const query = await status(session)
    // The log keeps what each request said it carried.
    expect(sim.requestLog.at(-1)?.contentRange).toBe(`bytes */${total}`)
    expect(query.status).toBe(308)
    expect(query.headers.get('range')).toBe(`bytes=0-${GRANULARITY - 1}`)

    // A chunk past the persisted end is not taken; the answer says where to resume.
    const gap = await chunk(session, 2 * GRANULARITY, 2 * GRANULARITY + 999)
    expect(gap.status).toBe(308)
    expect(gap.headers.get('range')).toBe(`bytes=0-${GRANULARITY - 1}`)

    const last = await chunk(session, GRANULARITY, total - 1)
    expect(last.status).toBe(200)
    expect(last.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect((await status(session)).status).toBe(200)

    await sim.settled()
    const done = await api.get(`/api/inspection-media/${media.id}/`)
    expect(done.body.state).toBe('UPLOADED')
    expect(done.body.thumbnail).not.toBeNull()
    const file = Buffer.from(await (await fetch(done.body.file)).arrayBuffer())
    expect(file.equals(photo)).toBe(true)
  })

  it('rejects a chunk whose Content-Range does not match its body', async () => {
    const { body: media } = await api.post('/api/inspection-media/', { filename: 'odd.jpg' })
    const started = await fetch(media.upload.url, { method: 'POST', headers: media.upload.headers })
    const session = started.headers.get('location')!
    const answer = await fetch(session, {
      method: 'PUT',
      headers: { 'content-range': `bytes 0-9/${total}` },
      body: photo.subarray(0, 5),
    }).then(read)
    expect(answer.status).toBe(400)
    expect(answer.body).toContain('<Code>InvalidArgument</Code>')
  })
})

describe('resumable session lifetime (setting)', () => {
  it('answers 410 once a session is older than its lifetime, then 404', async () => {
    const clock = createManualClock()
    const own = await startSignedIn({
      seed: { assets: 5 },
      clock: clock.now,
      settings: { resumableUploads: true, resumableSessionLifetimeSeconds: 60 },
    })
    try {
      const { body: media } = await own.api.post('/api/inspection-media/', { filename: 'old.jpg' })
      const started = await fetch(media.upload.url, {
        method: 'POST',
        headers: media.upload.headers,
      })
      const session = started.headers.get('location')!
      expect((await status(session)).status).toBe(308)
      clock.advance(61_000)
      const expired = await status(session)
      expect(expired.status).toBe(410)
      expect((await status(session)).status).toBe(404)
    } finally {
      await own.sim.stop()
    }
  })
})
