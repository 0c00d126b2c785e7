// Batch photo import and upload to the HUVR simulator on loopback, each beside a baseline from the
// same run: import + thumbnail rate beside raw sharp thumbnailing of the same files, and upload
// throughput beside raw streamed PUTs of the same files to a discarding server.
import { spawn } from 'node:child_process'
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import pMap from 'p-map'
import sharp from 'sharp'
import { Agent, request } from 'undici'
import { createNodeCore } from '../src/main/platform/node-core'
import { importForUpload } from '../src/main/uploads/import-files'
import { listJobs } from '../src/main/uploads/jobs'
import type { BenchReport } from './report'

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 100)

async function startChild<T>(
  script: string,
  args: string[] = [],
): Promise<T & { stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, '../node_modules/tsx/dist/cli.mjs'),
      join(import.meta.dirname, script),
      ...args,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
  return {
    ...(JSON.parse(line) as T),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** Camera-sized JPEGs (4000×3000, about 5 MB of detail each), made in parallel. */
async function makePhotos(dir: string, count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, i) =>
    join(dir, `IMG_${String(i).padStart(4, '0')}.jpg`),
  )
  await pMap(
    paths,
    async (path, i) => {
      const width = 4000
      const height = 3000
      const pixels = Buffer.alloc(width * height * 3)
      for (let p = 0; p < pixels.length; p++) pixels[p] = ((p * 2654435761 + i * 97) >>> 24) & 0xff
      await sharp(pixels, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 80 })
        .toFile(path)
    },
    { concurrency: availableParallelism() },
  )
  return paths
}

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-upload-bench-'))
  try {
    const photos = await makePhotos(join(dir, ''), PHOTOS)
    const totalBytes = photos.reduce((sum, path) => sum + statSync(path).size, 0)

    // Baseline: sharp alone, the same thumbnail pipeline, as many at once as there are cores.
    let started = performance.now()
    await pMap(
      photos,
      (path) =>
        sharp(path)
          .rotate()
          .resize({ width: 320, height: 320, fit: 'inside' })
          .jpeg({ quality: 80 })
          .toBuffer(),
      {
        concurrency: availableParallelism(),
      },
    )
    const rawThumbnailsPerSecond = photos.length / ((performance.now() - started) / 1000)

    const sim = await startChild<{
      baseUrl: string
      credentials: { client_id: string; client_secret: string }
    }>('serve-huvr.ts', ['20'])
    const core = createNodeCore({
      dataDir: join(dir, 'data'),
      mode: 'cli',
      keyDir: join(dir, 'keys'),
    })
    const db = core.db
    if (!db) throw new Error(core.startupError?.message ?? 'no database')
    const added = await core.dispatcher.dispatch('connections.addHuvr', {
      name: 'Bench',
      baseUrl: sim.baseUrl,
      clientId: sim.credentials.client_id,
      clientSecret: sim.credentials.client_secret,
    })
    if (!added.ok) throw new Error(added.error.message)
    const connectionId = (added.value as { id: string }).id

    // Import: copy into the store, hash, EXIF, thumbnail, queue.
    started = performance.now()
    const imported = await importForUpload(
      { db, files: core.files, clock: core.clock },
      photos,
      { connectionId, kind: 'huvr.project', id: '1' },
      null,
    )
    const importPerSecond = photos.length / ((performance.now() - started) / 1000)
    if (!imported.every((result) => result.ok)) throw new Error('import failed')

    // Baseline: the same bytes streamed with PUT, 3 at once (the default upload concurrency), to a server that discards them.
    const discard = await startChild<{ baseUrl: string }>('serve-discard.ts')
    const agent = new Agent()
    started = performance.now()
    await pMap(
      photos,
      async (path) => {
        const response = await request(`${discard.baseUrl}/put`, {
          method: 'PUT',
          body: createReadStream(path),
          headers: { 'content-length': String(statSync(path).size) },
          dispatcher: agent,
        })
        await response.body.dump()
      },
      { concurrency: 3 },
    )
    const rawPutBytesPerSecond = totalBytes / ((performance.now() - started) / 1000)
    await agent.close()
    await discard.stop()

    started = performance.now()
    core.uploads.start()
    await core.uploads.whenIdle()
    const uploadBytesPerSecond = totalBytes / ((performance.now() - started) / 1000)
    const done = listJobs(db).filter((job) => job.state === 'done').length
    if (done !== photos.length) throw new Error(`only ${done} of ${photos.length} uploaded`)
    core.close()
    await sim.stop()

    const mb = 1_048_576
    return {
      name: `Batch of ${photos.length} photos (${(totalBytes / photos.length / mb).toFixed(1)} MB each) to the HUVR simulator on loopback`,
      figures: [
        {
          label: 'import (copy, hash, EXIF, thumbnail, queue)',
          value: importPerSecond,
          unit: 'photos/s',
          baseline: { label: 'sharp thumbnails alone', value: rawThumbnailsPerSecond },
        },
        {
          label: 'upload (create, signed PUT, confirm; 3 at once)',
          value: uploadBytesPerSecond / mb,
          unit: 'MB/s',
          baseline: {
            label: 'raw streamed PUT to a discarding server',
            value: rawPutBytesPerSecond / mb,
          },
        },
      ],
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
