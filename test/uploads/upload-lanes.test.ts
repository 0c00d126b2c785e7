import { randomBytes } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { listJobs } from '../../src/main/uploads/jobs'
import { importIntoProject, startHuvrPair, type HuvrPair } from '../support/huvr'
import { tempDir } from '../support/temp'

let pair: HuvrPair | null = null
afterEach(async () => {
  await pair?.stop()
  pair = null
})

/** `count` files of random bytes, imported into a project of the simulator. */
async function importRandomFiles(p: HuvrPair, count: number, bytes: number): Promise<string[]> {
  const dir = tempDir()
  const paths = Array.from({ length: count }, (_, i) => {
    const path = join(dir, `scan-${i}.bin`)
    writeFileSync(path, randomBytes(bytes))
    return path
  })
  await importIntoProject(p, paths)
  return paths
}

interface Sample {
  sending: number
  requests: number
  /** Records created whose bytes wait for a slot, plus creates under way. */
  createdAhead: number
}

describe('upload slots', () => {
  it('go to files sending bytes; creates and confirms run beside them, and only a slot’s worth of records is created ahead', async () => {
    const p = (pair = await startHuvrPair({
      seed: { assets: 20 },
      // Every request takes 40 ms and each connection 8 Mbit/s: a 200 KB file sends for 0.2 s.
      settings: { linkLatencyMs: 40, linkConnectionBitsPerSecond: 8_000_000 },
    }))
    await p.core.dispatcher.dispatch('settings.update', { uploadConcurrency: 2 })
    const paths = await importRandomFiles(p, 12, 200_000)

    const db = p.core.db!
    const count = (where: string) =>
      db.prepare(`SELECT count(*) FROM upload_jobs WHERE ${where}`).pluck().get() as number
    const samples: Sample[] = []
    const sampler = setInterval(() => {
      samples.push({
        sending: count("state = 'running' AND phase = 'send'"),
        requests: count("state = 'running' AND phase IN ('create', 'confirm')"),
        createdAhead:
          count("state = 'queued' AND phase = 'send'") +
          count("state = 'running' AND phase = 'create'"),
      })
    }, 5)
    p.core.uploads.start()
    await p.core.uploads.whenIdle()
    clearInterval(sampler)

    const jobs = listJobs(db)
    expect(jobs.map((job) => job.state)).toEqual(paths.map(() => 'done'))
    const media = p.sim.state.tables.media.all()
    for (const job of jobs) {
      expect(media.filter((record) => record.client_id === job.client_id)).toHaveLength(1)
    }
    // Never more files sending than the setting…
    expect(Math.max(...samples.map((s) => s.sending))).toBe(2)
    // …while creates and confirms went on beside two files sending: they took no upload's slot.
    expect(samples.some((s) => s.sending === 2 && s.requests > 0)).toBe(true)
    // Records were made ahead of free slots, but never more than one per slot.
    expect(Math.max(...samples.map((s) => s.createdAhead))).toBe(2)
  })
})

describe('uploads at once on a field link', () => {
  it('go past the setting while each connection is capped and the link has room', async () => {
    const p = (pair = await startHuvrPair({
      seed: { assets: 20 },
      // Each connection carries 8 Mbit/s, the link twice that: one upload at once fills half.
      settings: {
        linkLatencyMs: 40,
        linkConnectionBitsPerSecond: 8_000_000,
        linkTotalBitsPerSecond: 16_000_000,
      },
    }))
    await p.core.dispatcher.dispatch('settings.update', { uploadConcurrency: 1 })
    // Half a second each on one connection: about ten seconds for the batch, one at a time.
    await importRandomFiles(p, 20, 500_000)
    const sending = p.core
      .db!.prepare("SELECT count(*) FROM upload_jobs WHERE state = 'running' AND phase = 'send'")
      .pluck()
    let most = 0
    const sampler = setInterval(() => (most = Math.max(most, sending.get() as number)), 5)
    p.core.uploads.start()
    await p.core.uploads.whenIdle()
    clearInterval(sampler)

    expect(listJobs(p.core.db!).every((job) => job.state === 'done')).toBe(true)
    // One more than the setting, and no more: twice the setting is the most it ever tries.
    expect(most).toBe(2)
  }, 60_000)
})
