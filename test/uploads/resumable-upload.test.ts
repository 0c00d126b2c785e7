import { createHash, randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HuvrClient } from '../../src/main/connectors/huvr/client'
import { createSilentLogger } from '../../src/main/log/logger'
import { FileBodies } from '../../src/main/uploads/file-bodies'
import { advanceHuvrMedia, RESUMABLE_CHUNK_BYTES } from '../../src/main/uploads/huvr-media'
import { getJob, listJobs } from '../../src/main/uploads/jobs'
import { UploadProgress } from '../../src/main/uploads/progress'
import { createManualClock, type RequestLogEntry } from '../../src/sandbox/huvr'
import { importIntoProject, startHuvrPair, type HuvrPair } from '../support/huvr'
import { tempDir } from '../support/temp'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

const MiB = 1024 * 1024
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** A file of random bytes (no preview; it uploads as it is), big enough for several chunks. */
function bigFile(size: number): { path: string; bytes: Buffer } {
  const bytes = randomBytes(size)
  const path = join(tempDir(), 'survey-scan.bin')
  writeFileSync(path, bytes)
  return { path, bytes }
}

async function importOne(p: HuvrPair, path: string): Promise<number> {
  const [result] = await importIntoProject(p, [path])
  if (!result?.ok) throw new Error('import failed')
  return result.jobId
}

/** Requests to storage: session starts (POST) and chunks or status queries (PUT). */
const storageRequests = (log: readonly RequestLogEntry[]) =>
  log.filter((entry) => entry.path.startsWith('/storage/') && entry.method !== 'GET')

/** Where each PUT to the session started: a byte offset, or '*' for a status query. */
const starts = (log: readonly RequestLogEntry[]) =>
  storageRequests(log)
    .filter((entry) => entry.method === 'PUT')
    .map((entry) => /^bytes (\d+|\*)/.exec(entry.contentRange ?? '')?.[1])
    .map((start) => (start === '*' ? '*' : Number(start)))

async function storedBytes(p: HuvrPair, jobId: number): Promise<Buffer> {
  const job = getJob(p.core.db!, jobId)!
  const media = p.sim.state.tables.media.get(Number(job.remote_id))!
  return (await p.sim.state.blobs.get(media.storage.object))!.bytes
}

describe('HUVR media through a resumable storage session', () => {
  it('goes on from the offset storage reports after a chunk is cut off, never from 0', async () => {
    // Storage keeps whole 3 MiB units of a chunk that is not the last: it reports less than was
    // sent, so resuming from our own count would leave a hole.
    const unit = 3 * MiB
    const p = (pair = await startHuvrPair({
      seed: { assets: 20 },
      settings: { resumableUploads: true, resumableChunkGranularity: unit, processingDelayMs: 10 },
    }))
    const file = bigFile(20 * MiB + 12_345)
    const jobId = await importOne(p, file.path)
    p.sim.failNext({ kind: 'reset-before', method: 'PUT', pathPrefix: '/storage/', skip: 1 })

    p.core.uploads.start()
    await p.core.uploads.whenIdle()

    expect(getJob(p.core.db!, jobId)).toMatchObject({
      state: 'done',
      bytes_confirmed: file.bytes.length,
      session_url: null,
    })
    expect(sha256(await storedBytes(p, jobId))).toBe(sha256(file.bytes))
    const kept = (sent: number) => Math.floor(sent / unit) * unit
    const first = kept(RESUMABLE_CHUNK_BYTES)
    const second = kept(first + RESUMABLE_CHUNK_BYTES)
    const third = kept(second + RESUMABLE_CHUNK_BYTES)
    // One session; the cut-off chunk is followed by a status query and sent again from the
    // offset storage reported; nothing before it goes twice.
    expect(storageRequests(p.sim.requestLog).filter((e) => e.method === 'POST')).toHaveLength(1)
    expect(starts(p.sim.requestLog)).toEqual([0, first, '*', first, second, third])
    expect(
      storageRequests(p.sim.requestLog).find((entry) => entry.fault === 'reset-before')
        ?.contentRange,
    ).toBe(`bytes ${first}-${first + RESUMABLE_CHUNK_BYTES - 1}/${file.bytes.length}`)
  })

  it('starts a new session from a fresh upload URL when the old one expired', async () => {
    const simClock = createManualClock()
    const p = (pair = await startHuvrPair({
      seed: { assets: 20 },
      clock: simClock.now,
      settings: {
        resumableUploads: true,
        resumableSessionLifetimeSeconds: 60,
        processingDelayMs: 10,
      },
    }))
    const file = bigFile(2 * RESUMABLE_CHUNK_BYTES + 1_000)
    const jobId = await importOne(p, file.path)
    const client = new HuvrClient({
      baseUrl: p.sim.baseUrl,
      clientId: p.sim.credentials.client_id,
      clientSecret: p.sim.credentials.client_secret,
      log: createSilentLogger(),
      clock: p.core.clock,
      backoff: { baseMs: 1, capMs: 5 },
      maxAttempts: 3,
    })
    // Positions are saved as the queue saves them.
    const progress = new UploadProgress({
      db: p.core.db!,
      clock: p.core.clock,
      events: p.core.events,
    })
    progress.begin(getJob(p.core.db!, jobId)!)
    const positions: number[] = []
    const ctx = {
      db: p.core.db!,
      client,
      files: p.core.files,
      clock: p.core.clock,
      createdRecords: new Map(),
      bodies: new FileBodies(),
      onProgress: (bytes: number, settled?: boolean) => {
        positions.push(bytes)
        progress.report(jobId, bytes, settled)
      },
    }
    try {
      // The record is created, and its fresh upload URL handed to the send step.
      expect(await advanceHuvrMedia(ctx, getJob(p.core.db!, jobId)!)).toEqual({
        done: false,
        retryInMs: 0,
      })
      expect(ctx.createdRecords.has(jobId)).toBe(true)
      // The second chunk and every status query after it are cut off: the step gives up with
      // the session saved and its first chunk in storage.
      p.sim.failNext({
        kind: 'reset-before',
        method: 'PUT',
        pathPrefix: '/storage/',
        skip: 1,
        times: 4,
      })
      await expect(advanceHuvrMedia(ctx, getJob(p.core.db!, jobId)!)).rejects.toMatchObject({
        kind: 'network',
      })
      const interrupted = getJob(p.core.db!, jobId)!
      expect(interrupted.phase).toBe('send')
      expect(interrupted.session_url).toContain('upload_id=')
      expect(interrupted.bytes_confirmed).toBe(RESUMABLE_CHUNK_BYTES)

      // A minute later in storage's time the session is gone.
      simClock.advance(61_000)
      p.sim.clearRequestLog()
      for (let step = 0; step < 100; step++) {
        const job = getJob(p.core.db!, jobId)!
        const outcome = await advanceHuvrMedia(ctx, job)
        if (outcome.done) break
        await new Promise((resolve) => setTimeout(resolve, outcome.retryInMs))
      }
      expect(getJob(p.core.db!, jobId)).toMatchObject({ phase: 'complete', session_url: null })
      const log = storageRequests(p.sim.requestLog)
      expect(log.map((entry) => [entry.method, entry.status])).toEqual([
        ['PUT', 410], // the status query finds the session expired
        ['POST', 201], // a new session, from the fresh URL HUVR handed out
        ['PUT', 308],
        ['PUT', 308],
        ['PUT', 200],
      ])
      expect(
        p.sim.requestLog.some(
          (entry) =>
            entry.method === 'GET' &&
            entry.path === `/api/inspection-media/${interrupted.remote_id}/` &&
            entry.seq < log[1]!.seq,
        ),
      ).toBe(true)
      expect(starts(log)).toEqual(['*', 0, RESUMABLE_CHUNK_BYTES, 2 * RESUMABLE_CHUNK_BYTES])
      expect(positions.at(-1)).toBe(file.bytes.length)
      expect(sha256(await storedBytes(p, jobId))).toBe(sha256(file.bytes))
    } finally {
      progress.stop()
      await client.close()
    }
  })

  it('keeps the single PUT where storage offers no session', async () => {
    const p = (pair = await startHuvrPair({ seed: { assets: 20 } }))
    const file = bigFile(3 * MiB)
    const jobId = await importOne(p, file.path)
    p.core.uploads.start()
    await p.core.uploads.whenIdle()
    expect(listJobs(p.core.db!).map((job) => job.state)).toEqual(['done'])
    const log = storageRequests(p.sim.requestLog)
    expect(log.map((entry) => [entry.method, entry.contentRange])).toEqual([['PUT', undefined]])
    expect(sha256(await storedBytes(p, jobId))).toBe(sha256(file.bytes))
  })
})
