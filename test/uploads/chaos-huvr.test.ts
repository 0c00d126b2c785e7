import { createHash } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { startHuvrSimulator } from '../../src/sandbox/huvr'
import {
  killRepeatedly,
  seededRandom,
  type KillPlan,
  expectKillsLandedMidWork,
} from '../support/chaos'
import { huvrCliEnv, runCli, spawnCli } from '../support/cli'
import { PHOTOS } from '../support/fixtures'
import { startRelay } from '../support/relay'
import { tempDir } from '../support/temp'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

const FILES = 200

/**
 * Photos of noise (about 0.6–1 MB each, as big as a phone's JPEG can get at these sizes) that
 * all differ: a few are encoded, then each copy gets its own JPEG comment after the SOI marker.
 * Modest on purpose: every restart imports the whole batch again.
 */
async function writeLargePhotos(dir: string, count: number): Promise<void> {
  const sizes = [
    [1024, 768],
    [1280, 960],
    [768, 1024],
  ] as const
  const encoded: Buffer[] = []
  for (const [index, [width, height]] of sizes.entries()) {
    const random = seededRandom(index + 1)
    const noise = Buffer.alloc(width * height * 3)
    for (let p = 0; p < noise.length; p++) noise[p] = Math.floor(random() * 256)
    encoded.push(
      await sharp(noise, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 90 })
        .toBuffer(),
    )
  }
  for (let i = 0; i < count; i++) {
    const jpeg = encoded[i % encoded.length]!
    const text = Buffer.from(`Fieldstation chaos batch, photo ${i}`)
    const comment = Buffer.from([0xff, 0xfe, 0, 0])
    comment.writeUInt16BE(text.length + 2, 2)
    writeFileSync(
      join(dir, `large-${String(i).padStart(3, '0')}.jpg`),
      Buffer.concat([jpeg.subarray(0, 2), comment, text, jpeg.subarray(2)]),
    )
  }
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

const isCreate = (method: string, path: string) =>
  method === 'POST' && path === '/api/inspection-media/'
const isStoragePut = (method: string, path: string) =>
  method === 'PUT' && path.startsWith('/storage/')

describe('HUVR uploads under chaos', () => {
  it(
    'a 200-photo batch through 5xx, resets, lost answers, 429 bursts, 2 s URLs and short tokens, killed 24 times: one record per file, bytes intact, queue done',
    async () => {
      const sim = await startHuvrSimulator({
        seed: { assets: 20 },
        settings: {
          uploadUrlLifetimeSeconds: 2,
          tokenLifetimeSeconds: 3,
          requestLogLimit: 1_000_000,
        },
        faults: {
          seed: 6,
          latencyMs: 25,
          serverErrorRate: 0.1,
          resetMidBodyRate: 0.03,
          lostResponseRate: 0.02,
        },
      })
      const relay = await startRelay(sim.baseUrl)
      try {
        const project = sim.state.tables.projects.all()[0]!
        // The real photos (every orientation, GPS, a corrupt JPEG, a HEIC) and generated ones.
        const batch = tempDir()
        cpSync(PHOTOS, batch, { recursive: true, filter: (path) => basename(path) !== 'README.md' })
        await writeLargePhotos(batch, FILES - filesUnder(batch).length)
        const sources = filesUnder(batch)
        expect(sources).toHaveLength(FILES)

        const dataDir = tempDir()
        const env = huvrCliEnv(dataDir, { baseUrl: relay.baseUrl, credentials: sim.credentials })
        const args = ['--data-dir', dataDir, 'upload', batch, '--huvr-project', String(project.id)]
        const ours = () =>
          sim.state.tables.media
            .all()
            .filter((media) => media.project === project.id && media.client_id !== null)
        const processed = new Set(['UPLOADED', 'PROCESSING', 'PROCESSED', 'INSPECTED'])

        const throttleBurst = (pathPrefix: string) =>
          sim.failNext({ kind: 'throttle', times: 4, pathPrefix, retryAfterSeconds: 1 })
        const plan: KillPlan[] = Array.from({ length: 22 }, (_, i) => ({
          at: i % 11 === 5 ? 'anywhere' : 'upload',
        }))
        plan.splice(1, 0, { at: 'answer', match: isCreate })
        plan.splice(12, 0, { at: 'answer', match: isStoragePut })
        const kills = await killRepeatedly(
          {
            log: sim.requestLog,
            relay,
            start: () => spawnCli(args, env),
            isUpload: (entry) =>
              entry.path.startsWith('/api/inspection-media/') || entry.path.startsWith('/storage/'),
            finished: () =>
              ours().filter((media) => media.state !== null && processed.has(media.state)).length >=
              FILES,
            random: seededRandom(2026),
            uploadRequestsPerRun: 48,
            // 429 bursts again and again, on creates and on storage: each pauses the connection.
            beforeRun: (index) => {
              if (index % 3 === 0)
                throttleBurst(index % 2 === 0 ? '/api/inspection-media/' : '/storage/')
            },
          },
          plan,
        )

        // Every kill landed (no run had finished by itself) while the batch was unfinished, and
        // the uploads were under way: requests on the wire, or an answer held back.
        expectKillsLandedMidWork(kills, relay, 2)
        // A kill left the batch half done, so the final run has work to do.
        expect(ours().length).toBeGreaterThan(0)

        throttleBurst('/storage/')
        const final = await runCli([...args, '--json'], env)
        expect(final.stderr).not.toMatch(/skipped/)
        expect(final.code).toBe(0)

        // Every fault really happened during the batch.
        const faults = new Set(sim.requestLog.map((entry) => entry.fault))
        for (const fault of ['server-error', 'reset-mid-body', 'lost-response', 'throttle'])
          expect(faults).toContain(fault)
        // Tokens expired within runs and were renewed (each run also signs in once at its start).
        expect(
          sim.requestLog.filter(
            (entry) => entry.method === 'POST' && entry.path === '/api/auth/obtain-access-token/',
          ).length,
        ).toBeGreaterThan(kills.length + 1)
        // Expired upload URLs (400 ExpiredToken from storage) were renewed.
        expect(
          sim.requestLog.some(
            (entry) => isStoragePut(entry.method, entry.path) && entry.status === 400,
          ),
        ).toBe(true)

        const queue = JSON.parse(
          (await runCli(['--data-dir', dataDir, 'queue', '--json'], env)).stdout,
        ) as { filename: string; state: string; remoteId: string | null }[]
        expect(queue).toHaveLength(FILES)
        expect(queue.filter((job) => job.state !== 'done')).toEqual([])

        // Exactly one record per file: none missing, no twin from a create whose answer was lost.
        const media = ours()
        const names = media.map((record) => record.filename)
        expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([])
        expect(names.sort()).toEqual(sources.map((path) => basename(path)).sort())
        expect(new Set(media.map((record) => record.client_id)).size).toBe(FILES)
        expect(new Set(media.map((record) => String(record.id)))).toEqual(
          new Set(queue.map((job) => job.remoteId)),
        )
        for (const path of sources) {
          const record = media.find((m) => m.filename === basename(path))!
          const stored = await sim.state.blobs.get(record.storage.object)
          expect(sha256(stored!.bytes), path).toBe(sha256(readFileSync(path)))
        }
      } finally {
        await relay.stop()
        await sim.stop()
      }
    },
    6 * 60_000,
  )
})
