import { createHash } from 'node:crypto'
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startTransamSimulator } from '../../src/sandbox/transam'
import {
  killRepeatedly,
  seededRandom,
  type KillPlan,
  expectKillsLandedMidWork,
} from '../support/chaos'
import { runCli, spawnCli } from '../support/cli'
import { PHOTOS } from '../support/fixtures'
import { startRelay } from '../support/relay'
import { tempDir } from '../support/temp'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

const FILES = 200
const LIMIT = 4 * 1024 * 1024
const DESCRIPTION = 'Site visit 2026-11: chaos batch'

/** A PDF-looking document of exactly `size` bytes whose content differs with `seed`. */
function writeDocument(path: string, size: number, seed: number): void {
  const bytes = Buffer.alloc(size)
  const header = Buffer.from(`%PDF-1.4\n% Fieldstation chaos document ${seed}\n`)
  const trailer = Buffer.from('\n%%EOF\n')
  header.copy(bytes)
  for (let p = header.length; p < size - trailer.length; p++) bytes[p] = (p * 31 + seed * 7) % 251
  trailer.copy(bytes, size - trailer.length)
  writeFileSync(path, bytes)
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

const isDocumentPost = (method: string, path: string) =>
  method === 'POST' && path.endsWith('/documents')

describe('TransAM document uploads under chaos', () => {
  it(
    'a 200-document batch through 5xx, resets and lost answers, killed 24 times: one document per file, bytes intact, the over-4 MB file refused up front',
    async () => {
      const sim = await startTransamSimulator({
        seed: { assets: 5 },
        settings: { requestLogLimit: 1_000_000 },
        faults: {
          seed: 11,
          latencyMs: 25,
          serverErrorRate: 0.1,
          resetMidBodyRate: 0.03,
          lostResponseRate: 0.03,
          // Documents and their files, not the sign-in: a sign-in is tried once and never
          // repeated (TransAM locks accounts), so a faulted one ends the run by design.
          paths: ['/api/v1/assets/', '/s3/'],
        },
      })
      const relay = await startRelay(sim.baseUrl)
      try {
        const viewable = new Set(
          sim.state.viewableOrganizations(sim.state.sandboxUser).map((org) => org.id),
        )
        const asset = [...sim.state.assets.values()].find((a) => viewable.has(a.organization_id))!

        // Real photos (JPEG, HEIC) and generated PDFs: most small, some near the limit and one
        // exactly at it (allowed), plus one over it that must never be sent.
        const batch = tempDir()
        cpSync(PHOTOS, batch, { recursive: true, filter: (path) => basename(path) !== 'README.md' })
        const generated = FILES - filesUnder(batch).length
        for (let i = 0; i < generated; i++) {
          const size =
            i === 0 ? LIMIT : i % 25 === 0 ? LIMIT - 1000 * i : 20_000 + ((i * 7919) % 97) * 5_000
          writeDocument(join(batch, `report-${String(i).padStart(3, '0')}.pdf`), size, i)
        }
        const sources = filesUnder(batch)
        expect(sources).toHaveLength(FILES)
        const oversize = join(batch, 'oversize-manual.pdf')
        writeDocument(oversize, Math.round(4.5 * 1024 * 1024), FILES)

        const dataDir = tempDir()
        const env = {
          FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
          TRANSAM_URL: relay.baseUrl,
          TRANSAM_EMAIL: sim.credentials.email,
          TRANSAM_PASSWORD: sim.credentials.password,
        }
        const args = [
          '--data-dir',
          dataDir,
          'upload',
          batch,
          '--transam-asset',
          asset.object_key,
          '--description',
          DESCRIPTION,
        ]
        const ours = () =>
          sim.state.documentsOf(asset.id).filter((document) => document.description === DESCRIPTION)

        const plan: KillPlan[] = Array.from({ length: 22 }, (_, i) => ({
          at: i % 11 === 5 ? 'anywhere' : 'upload',
        }))
        plan.splice(1, 0, { at: 'answer', match: isDocumentPost })
        plan.splice(12, 0, { at: 'answer', match: isDocumentPost })
        const kills = await killRepeatedly(
          {
            log: sim.requestLog,
            relay,
            start: () => spawnCli(args, env),
            isUpload: (entry) =>
              entry.path.startsWith(`/api/v1/assets/${asset.object_key}/documents`) ||
              entry.path.startsWith('/s3/'),
            finished: () =>
              new Set(ours().map((document) => document.original_filename)).size >= FILES,
            random: seededRandom(2611),
            uploadRequestsPerRun: 12,
          },
          plan,
        )

        // Every kill landed while the batch was unfinished and uploads were under way.
        expectKillsLandedMidWork(kills, relay, 2)
        expect(ours().length).toBeGreaterThan(0)

        const final = await runCli([...args, '--json'], env)
        // Non-zero for one reason only: the over-4 MB file, named, and every other file uploaded.
        expect(final.code).toBe(1)
        expect(final.stderr).toContain(
          "skipped: oversize-manual.pdf is 4.5 MB, over TransAM's 4 MB limit for documents; it was not queued.",
        )
        const outcome = JSON.parse(final.stdout) as {
          files: { path: string; ok: boolean; error: string | null }[]
        }
        expect(outcome.files).toHaveLength(FILES + 1)
        expect(
          outcome.files.filter((file) => !file.ok).map(({ path, error }) => ({ path, error })),
        ).toEqual([{ path: oversize, error: expect.stringMatching(/over TransAM's 4 MB limit/) }])

        // The faults really happened.
        const faults = new Set(sim.requestLog.map((entry) => entry.fault))
        for (const fault of ['server-error', 'reset-mid-body', 'lost-response'])
          expect(faults).toContain(fault)
        // Nothing of the oversize file was ever sent: no request body came near its size.
        const largestBody = Math.max(
          ...sim.requestLog.map(
            (entry) => (entry.body as { bytes?: number } | undefined)?.bytes ?? 0,
          ),
        )
        expect(largestBody).toBeGreaterThan(LIMIT)
        expect(largestBody).toBeLessThan(statSync(oversize).size)

        // The queue holds every other file, done; the oversize one was never queued.
        const queue = JSON.parse(
          (await runCli(['--data-dir', dataDir, 'queue', '--json'], env)).stdout,
        ) as { filename: string; state: string; remoteId: string | null }[]
        expect(queue).toHaveLength(FILES)
        expect(queue.filter((job) => job.state !== 'done')).toEqual([])
        expect(queue.map((job) => job.filename)).not.toContain('oversize-manual.pdf')

        // Exactly one document per file, found by its original filename, with the same bytes.
        const documents = ours()
        const names = documents.map((document) => document.original_filename)
        expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([])
        expect(names.sort()).toEqual(sources.map((path) => basename(path)).sort())
        expect(new Set(documents.map((document) => document.object_key))).toEqual(
          new Set(queue.map((job) => job.remoteId)),
        )
        for (const path of sources) {
          const document = documents.find((d) => d.original_filename === basename(path))!
          expect(sha256(sim.state.objectBytes(document.storage_key)!), path).toBe(
            sha256(readFileSync(path)),
          )
        }
      } finally {
        await relay.stop()
        await sim.stop()
      }
    },
    6 * 60_000,
  )
})
