// Batch photo import and upload to the HUVR simulator, each figure beside a baseline from the
// same run: import + thumbnail rate beside raw sharp thumbnailing of the same files, upload
// throughput on loopback beside raw streamed PUTs of the same files to a discarding server, the
// uploader's peak RSS for one 2 GB file, and a smaller batch over a simulated field link beside
// the link's capacity.
import { spawn } from 'node:child_process'
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { open } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import pMap from 'p-map'
import sharp from 'sharp'
import { Agent, request } from 'undici'
import { HuvrClient } from '../src/main/connectors/huvr/client'
import { mediaRecordSchema } from '../src/main/connectors/huvr/schemas'
import type { Core } from '../src/main/core/create-core'
import { createSilentLogger } from '../src/main/log/logger'
import { createNodeCore } from '../src/main/platform/node-core'
import { systemClock } from '../src/main/platform/ports'
import { importForUpload } from '../src/main/uploads/import-files'
import { listJobs } from '../src/main/uploads/jobs'
import type { ConfigPatch } from '../src/sandbox/huvr'
import { DEFAULT_SETTINGS } from '../src/shared/settings'
import type { BenchReport } from './report'

type SettingsPatch = NonNullable<ConfigPatch['settings']>

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 100)
/** The field-link batch: at 20 Mbit/s, 24 photos of 5.8 MB take about a minute. */
const LINK_PHOTOS = Number(process.env.BENCH_LINK_PHOTOS ?? 24)
/** The large file whose upload's peak RSS is measured (0 leaves it out). */
const BIG_FILE_MB = Number(process.env.BENCH_BIG_FILE_MB ?? 2048)
const FIELD_LINK = {
  linkLatencyMs: 100,
  linkConnectionBitsPerSecond: 5_000_000,
  linkTotalBitsPerSecond: 20_000_000,
} satisfies SettingsPatch
/**
 * On one machine the simulator's own work on the bytes (storage's MD5, ingest's thumbnails and
 * previews) would run on the uploader's cores; GCS and HUVR do it on their servers. The
 * simulator defers it until first needed (nothing asks, here).
 */
const SIMULATOR = { serverWork: 'deferred' } satisfies SettingsPatch
const MB = 1_048_576
const TSX = join(import.meta.dirname, '../node_modules/tsx/dist/cli.mjs')

interface Simulator {
  baseUrl: string
  credentials: { client_id: string; client_secret: string }
  stop(): Promise<void>
}

/** A server script in its own process, as a real server would be: it prints one JSON line when ready. */
async function startChild<T>(script: string, args: string[] = []): Promise<T & Stoppable> {
  const child = spawn(process.execPath, [TSX, join(import.meta.dirname, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    ...(JSON.parse(line) as T),
    // Safe to call again: a child already gone is not signalled.
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

interface Stoppable {
  stop(): Promise<void>
}

/** A script that does one job and prints its figures as one JSON line. */
async function runChild<T>(script: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, [TSX, join(import.meta.dirname, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`${script} exited with ${String(code)}`)
  return JSON.parse(output) as T
}

/** The HUVR simulator in its own process, with the given settings (through its control route). */
async function startSimulator(settings: SettingsPatch): Promise<Simulator> {
  const sim = await startChild<Omit<Simulator, 'stop'>>('serve-huvr.ts', ['20'])
  const configured = await fetch(`${sim.baseUrl}/_simulator/config`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ settings }),
  })
  if (!configured.ok) throw new Error(`the simulator refused ${JSON.stringify(settings)}`)
  return sim
}

/** Camera-sized JPEGs (4000×3000, about 5.8 MB of detail each), made in parallel and synced. */
async function makePhotos(dir: string, count: number): Promise<string[]> {
  mkdirSync(dir, { recursive: true })
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
      // On disk before anything is measured: the kernel writing them back later would compete
      // with the import's own writes and fsyncs.
      const handle = await open(path, 'r')
      await handle.sync()
      await handle.close()
    },
    { concurrency: availableParallelism() },
  )
  return paths
}

/** The raw rate: sharp alone, the same thumbnail pipeline, as many at once as there are cores. */
async function rawThumbnailRate(photos: string[]): Promise<number> {
  const started = performance.now()
  await pMap(
    photos,
    (path) =>
      sharp(path)
        .rotate()
        .resize({ width: 320, height: 320, fit: 'inside' })
        .jpeg({ quality: 80 })
        .toBuffer(),
    { concurrency: availableParallelism() },
  )
  return photos.length / ((performance.now() - started) / 1000)
}

/** One raw PUT: a file, where it goes and the headers it needs (a signed URL's, or none). */
interface RawPut {
  path: string
  url: string
  headers: Record<string, string>
}

/** The raw rate: each file streamed with one PUT to its URL, `concurrency` at once. */
async function rawPutRate(puts: RawPut[], concurrency: number): Promise<number> {
  const agent = new Agent()
  const started = performance.now()
  await pMap(
    puts,
    async ({ path, url, headers }) => {
      const response = await request(url, {
        method: 'PUT',
        body: createReadStream(path),
        headers: { ...headers, 'content-length': String(statSync(path).size) },
        dispatcher: agent,
      })
      await response.body.dump()
      if (response.statusCode !== 200) throw new Error(`raw PUT answered ${response.statusCode}`)
    },
    { concurrency },
  )
  const seconds = (performance.now() - started) / 1000
  await agent.close()
  return totalSize(puts.map((put) => put.path)) / seconds
}

/** Raw PUTs to a loopback server that reads and discards every body: no server work at all. */
async function rawDiscardRate(photos: string[], concurrency: number): Promise<number> {
  const discard = await startChild<{ baseUrl: string }>('serve-discard.ts')
  try {
    const url = `${discard.baseUrl}/put`
    return await rawPutRate(
      photos.map((path) => ({ path, url, headers: {} })),
      concurrency,
    )
  } finally {
    await discard.stop()
  }
}

/**
 * Raw PUTs to a fresh simulator's own storage: a media record per file is made first (not
 * timed), then each file goes to its signed URL with exactly its headers, as the app sends it.
 * The simulator's work on the bytes it keeps is the same as for the app's upload.
 */
async function rawStorageRate(
  photos: string[],
  concurrency: number,
  settings: SettingsPatch,
): Promise<number> {
  const sim = await startSimulator(settings)
  const client = new HuvrClient({
    baseUrl: sim.baseUrl,
    clientId: sim.credentials.client_id,
    clientSecret: sim.credentials.client_secret,
    log: createSilentLogger(),
    clock: systemClock,
  })
  try {
    const puts = await pMap(
      photos,
      async (path) => {
        const record = await client.send('POST', '/api/inspection-media/', mediaRecordSchema, {
          body: {
            filename: basename(path),
            name: basename(path),
            project: 1,
            media_type: 'image/jpeg',
            size: statSync(path).size,
          },
        })
        if (!record.upload) throw new Error('the simulator gave no upload URL')
        return { path, url: record.upload.url, headers: record.upload.headers }
      },
      { concurrency },
    )
    return await rawPutRate(puts, concurrency)
  } finally {
    await client.close()
    await sim.stop()
  }
}

const totalSize = (paths: string[]) => paths.reduce((sum, path) => sum + statSync(path).size, 0)

async function coreFor(dataDir: string, sim: Simulator): Promise<{ core: Core; target: Target }> {
  const core = createNodeCore({ dataDir, mode: 'cli', keyDir: join(dataDir, 'keys') })
  const added = await core.dispatcher.dispatch('connections.addHuvr', {
    name: 'Bench',
    baseUrl: sim.baseUrl,
    clientId: sim.credentials.client_id,
    clientSecret: sim.credentials.client_secret,
  })
  if (!added.ok) throw new Error(added.error.message)
  const connectionId = (added.value as { id: string }).id
  return { core, target: { connectionId, kind: 'huvr.project', id: '1' } }
}

type Target = Parameters<typeof importForUpload>[2]

async function importAll(core: Core, target: Target, photos: string[]): Promise<number> {
  const db = core.db
  if (!db) throw new Error(core.startupError?.message ?? 'no database')
  const started = performance.now()
  const imported = await importForUpload(
    { db, files: core.files, clock: core.clock },
    photos,
    target,
    null,
  )
  const seconds = (performance.now() - started) / 1000
  const failed = imported.find((result) => !result.ok)
  if (failed) throw new Error(`import failed: ${JSON.stringify(failed)}`)
  return photos.length / seconds
}

/** Uploads everything queued; answers bytes per second and the most files seen sending at once. */
async function uploadAll(core: Core, bytes: number): Promise<{ rate: number; mostAtOnce: number }> {
  const db = core.db
  if (!db) throw new Error(core.startupError?.message ?? 'no database')
  const sending = db
    .prepare("SELECT count(*) FROM upload_jobs WHERE state = 'running' AND phase = 'send'")
    .pluck()
  let mostAtOnce = 0
  const watch = setInterval(() => {
    mostAtOnce = Math.max(mostAtOnce, sending.get() as number)
  }, 100)
  const started = performance.now()
  core.uploads.start()
  await core.uploads.whenIdle()
  const seconds = (performance.now() - started) / 1000
  clearInterval(watch)
  const jobs = listJobs(db)
  const done = jobs.filter((job) => job.state === 'done').length
  if (done !== jobs.length) throw new Error(`only ${done} of ${jobs.length} uploaded`)
  return { rate: bytes / seconds, mostAtOnce }
}

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-upload-bench-'))
  const stops: Stoppable[] = []
  try {
    const photos = await makePhotos(join(dir, 'photos'), PHOTOS)
    const totalBytes = totalSize(photos)
    const concurrency = DEFAULT_SETTINGS.uploadConcurrency

    // Import beside raw sharp, measured before and after it and averaged: other load on the
    // machine drifts over a run of minutes, and both sides see the same drift.
    const sharpBefore = await rawThumbnailRate(photos)
    const sim = await startSimulator(SIMULATOR)
    stops.push(sim)
    const { core, target } = await coreFor(join(dir, 'data'), sim)
    const importRate = await importAll(core, target, photos)
    const sharpAfter = await rawThumbnailRate(photos)

    // Upload beside raw PUTs of the same files to the same kind of storage, as many at once as
    // the setting, before and after it. Each run has a simulator of its own, which starts
    // empty: it keeps every upload in memory, and a fuller one is slower to take more.
    const rawBefore = await rawStorageRate(photos, concurrency, SIMULATOR)
    const upload = await uploadAll(core, totalBytes)
    core.close()
    await sim.stop()
    const rawAfter = await rawStorageRate(photos, concurrency, SIMULATOR)
    const rawDiscard = await rawDiscardRate(photos, concurrency)

    const figures: BenchReport['figures'] = [
      {
        label: 'import (copy, hash, fsync, EXIF, thumbnail, queue)',
        value: importRate,
        unit: 'photos/s',
        baseline: {
          label: 'sharp thumbnails alone (mean of before and after)',
          value: (sharpBefore + sharpAfter) / 2,
        },
      },
      {
        label: `upload (create, signed PUT, confirm; ${concurrency} at once by the setting, at most ${upload.mostAtOnce} seen)`,
        value: upload.rate / MB,
        unit: 'MB/s',
        baseline: {
          label: `raw streamed PUT to the simulator's signed storage URLs, ${concurrency} at once (mean of before and after)`,
          value: (rawBefore + rawAfter) / 2 / MB,
        },
      },
      {
        label: 'the same upload',
        value: upload.rate / MB,
        unit: 'MB/s',
        baseline: {
          label: `raw streamed PUT to a server that discards the bytes, ${concurrency} at once`,
          value: rawDiscard / MB,
        },
      },
    ]

    if (BIG_FILE_MB > 0) {
      // A sparse file: its zeros cost nothing to make and read back like any other bytes.
      const big = join(dir, 'survey-video.bin')
      writeFileSync(big, '')
      truncateSync(big, BIG_FILE_MB * MB)
      const bigSim = await startSimulator({})
      stops.push(bigSim)
      const one = await runChild<{
        restRssBytes: number
        peakRssBytes: number
        importSeconds: number
        uploadSeconds: number
      }>('upload-one.ts', [join(dir, 'big-data'), big, JSON.stringify(bigSim)])
      await bigSim.stop()
      rmSync(big, { force: true })
      rmSync(join(dir, 'big-data'), { recursive: true, force: true })
      figures.push(
        {
          label: `peak RSS of the uploader for one ${BIG_FILE_MB} MB file (import then upload; the process at rest: ${(one.restRssBytes / MB).toFixed(0)} MB)`,
          value: one.peakRssBytes / MB,
          unit: 'MB',
        },
        {
          label: `that ${BIG_FILE_MB} MB file: upload (import took ${one.importSeconds.toFixed(1)} s)`,
          value: BIG_FILE_MB / one.uploadSeconds,
          unit: 'MB/s',
        },
      )
    }

    if (LINK_PHOTOS === 0) {
      return { name: benchName(photos, totalBytes), figures }
    }
    // A smaller batch over a field link: the link's capacity is the baseline.
    const linkPhotos = photos.slice(0, LINK_PHOTOS)
    const linkSim = await startSimulator({ ...SIMULATOR, ...FIELD_LINK })
    stops.push(linkSim)
    const link = await coreFor(join(dir, 'link-data'), linkSim)
    await importAll(link.core, link.target, linkPhotos)
    const overLink = await uploadAll(link.core, totalSize(linkPhotos))
    link.core.close()
    await linkSim.stop()
    const mbit = (bytesPerSecond: number) => (bytesPerSecond * 8) / 1_000_000
    figures.push({
      label: `field link (${FIELD_LINK.linkLatencyMs} ms a request, ${FIELD_LINK.linkConnectionBitsPerSecond / 1e6} Mbit/s a connection, ${FIELD_LINK.linkTotalBitsPerSecond / 1e6} Mbit/s shared): ${linkPhotos.length} photos, at most ${overLink.mostAtOnce} at once`,
      value: mbit(overLink.rate),
      unit: 'Mbit/s',
      baseline: {
        label: "the link's capacity",
        value: FIELD_LINK.linkTotalBitsPerSecond / 1e6,
      },
    })

    return { name: benchName(photos, totalBytes), figures }
  } finally {
    for (const child of stops) await child.stop().catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
}

const benchName = (photos: string[], totalBytes: number) =>
  `Batch of ${photos.length} photos (${(totalBytes / photos.length / MB).toFixed(1)} MB each) to the HUVR simulator (its server work deferred)`
