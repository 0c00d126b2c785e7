import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { addHuvrConnection } from '../../src/main/connections/store'
import type { Core } from '../../src/main/core/create-core'
import { enqueueUpload, getJob, updateJob } from '../../src/main/uploads/jobs'
import { UploadProgress } from '../../src/main/uploads/progress'
import {
  uploadProgressEventSchema,
  type UploadProgressEvent,
} from '../../src/shared/rpc/upload-contract'
import { createTestCore } from '../support/core'
import { importIntoProject, startHuvrPair } from '../support/huvr'
import { tempDir } from '../support/temp'

const MB = 1_000_000

let core: Core | null = null
afterEach(() => {
  core?.close()
  core = null
})

/** A core whose clock the test moves, with an account and `count` queued 10 MB files. */
function setUp(count: number) {
  let now = 1_000_000
  const clock = { now: () => now }
  core = createTestCore(undefined, clock)
  const db = core.db!
  const { id: connectionId } = addHuvrConnection(db, core.secrets, clock, {
    name: 'HUVR',
    baseUrl: 'https://acme.huvrdata.app',
    clientId: 'svc@acme',
    clientSecret: 'secret',
  })
  const jobs = Array.from({ length: count }, (_, i) => {
    const { job } = enqueueUpload(
      db,
      {
        connectionId,
        targetKind: 'huvr.project',
        targetId: '1',
        sha256: String(i).repeat(64).slice(0, 64),
        filename: `IMG_${i}.jpg`,
        size: 10 * MB,
        sourcePath: `/card/IMG_${i}.jpg`,
        mediaType: 'image/jpeg',
        description: null,
        capturedAt: null,
        gps: null,
        thumbnailSha256: null,
        placeholderReason: null,
      },
      now,
    )
    return job
  })
  const progress = new UploadProgress({ db, clock, events: core.events })
  return {
    db,
    connectionId,
    jobs,
    progress,
    advance: (ms: number) => (now += ms),
  }
}

describe('upload byte progress', () => {
  it('saves a streaming file’s position now and then, not per chunk, and at once when settled', () => {
    const { db, jobs, progress, advance } = setUp(1)
    const job = jobs[0]!
    updateJob(db, job.id, { state: 'running' }, 0)
    progress.begin(job)
    const saved: number[] = []
    // 64 KiB every 10 ms: 6.5 MB/s.
    for (let bytes = 65_536; bytes <= 2 * MB; bytes += 65_536) {
      advance(10)
      progress.report(job.id, bytes)
      saved.push(getJob(db, job.id)!.bytes_confirmed)
    }
    const distinct = new Set(saved.filter((bytes) => bytes > 0))
    expect(distinct.size).toBeGreaterThan(0)
    expect(distinct.size).toBeLessThanOrEqual(2) // about 300 ms of streaming: one save a 250 ms
    progress.report(job.id, 0, true) // the send starts over
    expect(getJob(db, job.id)!.bytes_confirmed).toBe(0)
    progress.stop()
  })

  it('reports per-file and total bytes, rate and time left, valid against the contract', () => {
    const { db, connectionId, jobs, progress, advance } = setUp(3)
    const [first, second, third] = jobs as [(typeof jobs)[0], (typeof jobs)[0], (typeof jobs)[0]]
    updateJob(db, first.id, { state: 'done', bytes_confirmed: first.size }, 0)
    for (const job of [second, third]) {
      updateJob(db, job.id, { state: 'running' }, 0)
      progress.begin(job)
    }
    // Two files at 1 MB/s each for two seconds.
    for (let tick = 1; tick <= 20; tick++) {
      advance(100)
      progress.report(second.id, tick * 100_000)
      progress.report(third.id, tick * 100_000)
    }
    const snapshot = uploadProgressEventSchema.parse(progress.snapshot(connectionId))
    expect(snapshot).toMatchObject({ done: 1, total: 3, bytesTotal: 30 * MB })
    expect(snapshot.bytesDone).toBe(10 * MB + 2 * 2 * MB)
    expect(snapshot.bytesPerSecond).toBeCloseTo(2 * MB, -3)
    // 16 MB left at 2 MB/s.
    expect(snapshot.secondsLeft).toBeCloseTo(8, 1)
    expect(snapshot.jobs.map((job) => job.id).sort()).toEqual([second.id, third.id].sort())
    const perFile = snapshot.jobs.find((job) => job.id === second.id)!
    expect(perFile).toMatchObject({ bytes: 2 * MB, size: 10 * MB })
    expect(perFile.bytesPerSecond).toBeCloseTo(MB, -3)
    expect(perFile.secondsLeft).toBeCloseTo(8, 1)

    // Nothing moves for a while: the rate falls instead of staying at the last burst.
    advance(10_000)
    const idle = progress.snapshot(connectionId)
    expect(idle.bytesPerSecond).toBe(0)
    expect(idle.secondsLeft).toBeNull()
    progress.stop()
  })
})

describe('upload progress over a real upload', () => {
  it('pushes per-file bytes as the body streams and saves them to the job row', async () => {
    // A capped link, so the body takes a while to stream and progress can be seen under way.
    const p = await startHuvrPair({
      seed: { assets: 20 },
      settings: { linkConnectionBitsPerSecond: 80_000_000, processingDelayMs: 10 },
    })
    try {
      const bytes = randomBytes(12 * MB)
      const path = join(tempDir(), 'scan.bin')
      writeFileSync(path, bytes)
      const [result] = await importIntoProject(p, [path])
      const jobId = result?.ok ? result.jobId : -1
      const seen: { bytes: number; saved: number }[] = []
      let last: UploadProgressEvent | null = null
      const unsubscribe = p.core.events.subscribe((name, payload) => {
        if (name !== 'upload.progress') return
        last = uploadProgressEventSchema.parse(payload)
        const live = last.jobs.find((job) => job.id === jobId)
        if (live)
          seen.push({ bytes: live.bytes, saved: getJob(p.core.db!, jobId)!.bytes_confirmed })
      })
      p.core.uploads.start()
      await p.core.uploads.whenIdle()
      unsubscribe()

      const under = seen.filter((entry) => entry.bytes > 0 && entry.bytes < bytes.length)
      expect(under.length).toBeGreaterThan(0)
      expect(under.some((entry) => entry.saved > 0 && entry.saved < bytes.length)).toBe(true)
      const positions = seen.map((entry) => entry.bytes)
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
      expect(last).toMatchObject({ done: 1, total: 1, bytesDone: bytes.length, jobs: [] })
      expect(getJob(p.core.db!, jobId)!.bytes_confirmed).toBe(bytes.length)
    } finally {
      await p.stop()
    }
  })
})
