import { createHash, randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { startHuvrSimulator } from '../../src/sandbox/huvr'
import { huvrCliEnv, runCli, spawnCli } from '../support/cli'
import { PHOTOS } from '../support/fixtures'
import { tempDir } from '../support/temp'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** Large photos of noise: big enough that a kill lands mid-upload. */
async function makeLargePhotos(dir: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const noise = Buffer.alloc(1600 * 1200 * 3)
    for (let p = 0; p < noise.length; p++) noise[p] = (p * 7919 + i * 104729) % 251
    await sharp(noise, { raw: { width: 1600, height: 1200, channels: 3 } })
      .jpeg({ quality: 95 })
      .toFile(join(dir, `large-${i}.jpg`))
  }
}

describe('fieldstation upload killed with SIGKILL', () => {
  it('resumes after every kill and ends with one media record per file, bytes intact, nothing queued', async () => {
    const sim = await startHuvrSimulator({
      seed: { assets: 20 },
      settings: { uploadUrlLifetimeSeconds: 2, tokenLifetimeSeconds: 5 },
      faults: {
        latencyMs: 20,
        serverErrorRate: 0.05,
        resetMidBodyRate: 0.03,
        lostResponseRate: 0.03,
      },
    })
    try {
      const project = sim.state.tables.projects.all()[0]!
      const large = tempDir()
      await makeLargePhotos(large, 4)
      const dataDir = tempDir()
      const env = huvrCliEnv(dataDir, sim)
      const args = [
        '--data-dir',
        dataDir,
        'upload',
        PHOTOS,
        large,
        '--huvr-project',
        String(project.id),
        '--json',
      ]

      // Each kill lands while uploads are under way: after the run has sent at least one more
      // create or storage PUT, plus a varying moment.
      const uploadRequests = () =>
        sim.requestLog.filter(
          (entry) =>
            (entry.method === 'POST' && entry.path === '/api/inspection-media/') ||
            entry.method === 'PUT',
        ).length
      for (let kill = 0; kill < 8; kill++) {
        const child = spawnCli(args, env)
        const exited = new Promise((resolve) => child.once('exit', resolve))
        const seen = uploadRequests()
        const deadline = Date.now() + 20_000
        while (uploadRequests() <= seen && Date.now() < deadline) await sleep(10)
        await sleep((kill * 37) % 120)
        child.kill('SIGKILL')
        await exited
      }
      const beforeFinal = sim.state.tables.media
        .all()
        .filter((m) => m.project === project.id && m.client_id !== null)
      expect(beforeFinal.length).toBeGreaterThan(0)
      const final = await runCli(args, env)
      expect(final.code).toBe(0)
      const outcome = JSON.parse(final.stdout) as {
        ok: boolean
        files: { path: string; ok: boolean; remoteId: string }[]
      }
      expect(outcome.ok).toBe(true)

      const queue = JSON.parse(
        (await runCli(['--data-dir', dataDir, 'queue', '--json'], env)).stdout,
      ) as { state: string }[]
      expect(queue.every((job) => job.state === 'done')).toBe(true)
      const uploaded = sim.state.tables.media
        .all()
        .filter((media) => media.project === project.id && media.client_id !== null)
      // Exactly one record per file: no twin from a create whose answer a kill or a fault lost.
      expect(uploaded).toHaveLength(queue.length)
      expect(new Set(uploaded.map((media) => media.client_id)).size).toBe(queue.length)
      for (const file of outcome.files) {
        const media = uploaded.find((m) => String(m.id) === file.remoteId)!
        const stored = await sim.state.blobs.get(media.storage.object)
        expect(sha256(stored!.bytes)).toBe(sha256(readFileSync(file.path)))
      }
    } finally {
      await sim.stop()
    }
  })

  it('in resumable mode, goes on after each kill from what storage kept, never from byte 0', async () => {
    const sim = await startHuvrSimulator({
      seed: { assets: 20 },
      settings: { resumableUploads: true, processingDelayMs: 10 },
      faults: { latencyMs: 5 },
    })
    try {
      const project = sim.state.tables.projects.all()[0]!
      const folder = tempDir()
      const bytes = randomBytes(40 * 1024 * 1024 + 7)
      writeFileSync(join(folder, 'site-survey.bin'), bytes)
      const dataDir = tempDir()
      const env = huvrCliEnv(dataDir, sim)
      const args = ['--data-dir', dataDir, 'upload', folder, '--huvr-project', String(project.id)]
      const chunksTaken = () =>
        sim.requestLog.filter((entry) => entry.method === 'PUT' && entry.status === 308).length

      // Each kill lands once storage has taken one more chunk.
      for (let kill = 0; kill < 2; kill++) {
        const child = spawnCli(args, env)
        const exited = new Promise((resolve) => child.once('exit', resolve))
        const seen = chunksTaken()
        const deadline = Date.now() + 20_000
        while (chunksTaken() <= seen && Date.now() < deadline) await sleep(5)
        child.kill('SIGKILL')
        await exited
      }
      expect((await runCli(args, env)).code).toBe(0)

      const storage = sim.requestLog.filter((entry) => entry.path.startsWith('/storage/'))
      // One session for the whole file, whatever the kills: each run asked it where to go on.
      expect(storage.filter((entry) => entry.method === 'POST')).toHaveLength(1)
      const ranges = storage.flatMap((entry) => (entry.contentRange ? [entry.contentRange] : []))
      expect(ranges.filter((range) => range.startsWith('bytes */'))).toHaveLength(2)
      expect(ranges.filter((range) => range.startsWith('bytes 0-'))).toHaveLength(1)
      const media = sim.state.tables.media
        .all()
        .filter((m) => m.project === project.id && m.client_id !== null)
      expect(media).toHaveLength(1)
      const stored = await sim.state.blobs.get(media[0]!.storage.object)
      expect(sha256(stored!.bytes)).toBe(sha256(bytes))
    } finally {
      await sim.stop()
    }
  })
})
