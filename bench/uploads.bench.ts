// Batch photo import and upload to the HUVR simulator, each figure beside a baseline measured
// in the same run, turn about on the same rounds of photos: import + thumbnail rate beside raw
// sharp thumbnailing of the same files (and beside the import's required work done bare),
// upload throughput on loopback beside raw streamed PUTs of the same files to the simulator's own
// storage (and to a server that discards them), the uploader's peak RSS for one 2 GB file, and a
// smaller batch over a simulated field link beside the link's capacity.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { open, rename } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import pMap from 'p-map'
import sharp from 'sharp'
import { Agent, request } from 'undici'
import { HuvrClient } from '../src/main/connectors/huvr/client'
import { mediaRecordSchema } from '../src/main/connectors/huvr/schemas'
import type { Core } from '../src/main/core/create-core'
import { createSilentLogger } from '../src/main/log/logger'
import { systemClock } from '../src/main/platform/ports'
import { IMPORTS_AT_ONCE, importForUpload } from '../src/main/uploads/import-files'
import { listJobs } from '../src/main/uploads/jobs'
import type { ConfigPatch } from '../src/sandbox/huvr'
import { DEFAULT_SETTINGS } from '../src/shared/settings'
import {
  benchCoreWithHuvr,
  startHuvrServer,
  startServer,
  TSX,
  type HuvrEndpoint,
  type Stoppable,
} from './bench-setup'
import type { BenchReport } from './report'

type SettingsPatch = NonNullable<ConfigPatch['settings']>

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 100)
/**
 * The field-link batch: at 20 Mbit/s, 60 photos of 5.8 MB take about two and a half minutes,
 * long enough for the queue to find how many uploads at once fill the link (it tries one more
 * every few seconds) and to run that way most of the time.
 */
const LINK_PHOTOS = Number(process.env.BENCH_LINK_PHOTOS ?? 60)
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
type Simulator = HuvrEndpoint & Stoppable

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
  const sim = await startHuvrServer(20)
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

/** Photos per round when a figure and its baseline take turns. */
const ROUND_PHOTOS = 50

/**
 * Times each side on the same rounds of photos, taking turns and changing who goes first each
 * round: on a shared machine the load (and the CPU the hypervisor takes away) drifts over
 * minutes, and this way it falls on every side alike. Answers each side's seconds in all.
 */
async function turnAbout<Side extends string>(
  photos: string[],
  sides: Record<Side, (round: string[]) => Promise<void>>,
): Promise<Record<Side, number>> {
  const names = Object.keys(sides) as Side[]
  const seconds = Object.fromEntries(names.map((name) => [name, 0])) as Record<Side, number>
  for (let first = 0; first < photos.length; first += ROUND_PHOTOS) {
    const round = photos.slice(first, first + ROUND_PHOTOS)
    const turn = first / ROUND_PHOTOS
    const shift = turn % names.length
    for (const name of [...names.slice(shift), ...names.slice(0, shift)]) {
      const started = performance.now()
      await sides[name](round)
      seconds[name] += (performance.now() - started) / 1000
    }
  }
  return seconds
}

/** The import's thumbnail pipeline, without its checks and fallbacks. */
const thumbnailOf = (photo: string | Buffer) =>
  sharp(photo)
    .rotate()
    .resize({ width: 320, height: 320, fit: 'inside' })
    .jpeg({ quality: 80 })
    .toBuffer()

/** The raw work: sharp alone, the same thumbnail pipeline, as many at once as the import runs. */
async function rawThumbnails(photos: string[]): Promise<void> {
  await pMap(photos, thumbnailOf, { concurrency: IMPORTS_AT_ONCE })
}

/**
 * The work the import cannot leave out, done bare: each photo read whole (into a reused buffer,
 * as the import does), hashed, thumbnailed with the same pipeline, and written, fsynced and
 * renamed into `dir` (kept, as the store keeps its copies). Beside it, the import's own cost
 * shows: the file type, EXIF, the queue, its bookkeeping.
 */
function bareImport(dir: string): (photos: string[]) => Promise<void> {
  mkdirSync(dir, { recursive: true })
  const buffers = Array.from({ length: IMPORTS_AT_ONCE }, () => Buffer.allocUnsafeSlow(32 * MB))
  let written = 0
  return async (photos) => {
    await pMap(
      photos,
      async (path) => {
        const buffer = buffers.pop()
        if (!buffer) throw new Error('more photos at once than buffers')
        try {
          const source = await open(path, 'r')
          const { bytesRead } = await source.read(buffer, 0, buffer.length, 0)
          await source.close()
          const bytes = buffer.subarray(0, bytesRead)
          const sha256 = createHash('sha256').update(bytes).digest('hex')
          const thumbnail = thumbnailOf(bytes)
          const partial = join(dir, `${written++}.partial`)
          const copy = await open(partial, 'w')
          await copy.write(bytes, 0, bytes.length, 0)
          await copy.sync()
          await copy.close()
          await rename(partial, join(dir, sha256))
          await thumbnail
        } finally {
          buffers.push(buffer)
        }
      },
      { concurrency: IMPORTS_AT_ONCE },
    )
  }
}

/** One raw PUT: a file, where it goes and the headers it needs (a signed URL's, or none). */
interface RawPut {
  path: string
  url: string
  headers: Record<string, string>
}

/** Each file streamed with one PUT to its URL, `concurrency` at once. */
async function rawPuts(puts: RawPut[], concurrency: number, agent: Agent): Promise<void> {
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
}

/** Where the raw PUTs of the photos go, one per photo, and how to let go of the server. */
interface RawTargets {
  putFor(path: string): RawPut
  stop(): Promise<void>
}

/** A loopback server that reads and discards every body: no server work at all. */
async function discardTargets(): Promise<RawTargets> {
  const discard = await startServer<{ baseUrl: string }>('serve-discard.ts')
  const url = `${discard.baseUrl}/put`
  return { putFor: (path) => ({ path, url, headers: {} }), stop: () => discard.stop() }
}

/**
 * A simulator's own storage: a media record per file is made first (not timed), and each file
 * then goes to its signed URL with exactly its headers, as the app sends it. The simulator's work
 * on the bytes it keeps is the same as for the app's upload.
 */
async function storageTargets(photos: string[], settings: SettingsPatch): Promise<RawTargets> {
  const sim = await startSimulator(settings)
  const client = new HuvrClient({
    baseUrl: sim.baseUrl,
    clientId: sim.credentials.client_id,
    clientSecret: sim.credentials.client_secret,
    log: createSilentLogger(),
    clock: systemClock,
  })
  const puts = new Map<string, RawPut>()
  try {
    await pMap(
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
        puts.set(path, { path, url: record.upload.url, headers: record.upload.headers })
      },
      { concurrency: 8 },
    )
  } finally {
    await client.close()
  }
  return {
    putFor: (path) => {
      const put = puts.get(path)
      if (put === undefined) throw new Error(`no upload URL for ${path}`)
      return put
    },
    stop: () => sim.stop(),
  }
}

const totalSize = (paths: string[]) => paths.reduce((sum, path) => sum + statSync(path).size, 0)

async function coreFor(dataDir: string, sim: Simulator): Promise<{ core: Core; target: Target }> {
  const { core, connectionId } = await benchCoreWithHuvr(dataDir, sim)
  return { core, target: { connectionId, kind: 'huvr.project', id: '1' } }
}

type Target = Parameters<typeof importForUpload>[2]

/** Imports the photos; answers each one's upload job. */
async function importPhotos(
  core: Core,
  target: Target,
  photos: string[],
): Promise<Map<string, number>> {
  const db = core.db
  if (!db) throw new Error(core.startupError?.message ?? 'no database')
  const imported = await importForUpload(
    { db, files: core.files, clock: core.clock },
    photos,
    target,
    null,
  )
  const jobs = new Map<string, number>()
  for (const result of imported) {
    if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result)}`)
    jobs.set(result.path, result.jobId)
  }
  return jobs
}

/** The most files seen sending at once, sampled while `work` runs. */
async function watchSending(core: Core, work: () => Promise<void>): Promise<number> {
  const db = core.db
  if (!db) throw new Error(core.startupError?.message ?? 'no database')
  const sending = db
    .prepare("SELECT count(*) FROM upload_jobs WHERE state = 'running' AND phase = 'send'")
    .pluck()
  let most = 0
  const watch = setInterval(() => {
    most = Math.max(most, sending.get() as number)
  }, 50)
  try {
    await work()
  } finally {
    clearInterval(watch)
  }
  return most
}

/**
 * Lets the queue upload just these jobs (the rest stay paused) and waits until their bytes are
 * in storage. Their confirms go on in the background; `whenIdle` after the last round waits for
 * them, as a single batch would wait for its last ones.
 */
async function uploadRound(core: Core, jobIds: number[]): Promise<void> {
  const db = core.db
  if (!db) throw new Error(core.startupError?.message ?? 'no database')
  const delivered = db
    .prepare(
      `SELECT count(*) FROM upload_jobs WHERE id IN (${jobIds.map(Number).join(', ')}) AND (phase IN ('confirm', 'complete') OR state IN ('done', 'failed'))`,
    )
    .pluck()
  for (const id of jobIds) core.uploads.resume(id)
  while ((delivered.get() as number) < jobIds.length) await sleep(5)
}

function expectAllUploaded(core: Core): void {
  const jobs = core.db ? listJobs(core.db) : []
  const done = jobs.filter((job) => job.state === 'done').length
  if (done !== jobs.length) throw new Error(`only ${done} of ${jobs.length} uploaded`)
}

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-upload-bench-'))
  const stops: Stoppable[] = []
  try {
    const photos = await makePhotos(join(dir, 'photos'), PHOTOS)
    const totalBytes = totalSize(photos)
    const concurrency = DEFAULT_SETTINGS.uploadConcurrency

    // Import beside raw sharp thumbnailing of the same photos, turn about.
    const sim = await startSimulator(SIMULATOR)
    stops.push(sim)
    const { core, target } = await coreFor(join(dir, 'data'), sim)
    const jobs = new Map<string, number>()
    const importSeconds = await turnAbout(photos, {
      sharp: rawThumbnails,
      bare: bareImport(join(dir, 'bare-store')),
      import: async (round) => {
        for (const [path, id] of await importPhotos(core, target, round)) jobs.set(path, id)
      },
    })

    // Upload beside raw PUTs of the same photos, turn about, as many at once as the setting: to
    // a simulator's storage (a simulator of its own: each keeps what it is sent in memory and
    // slows a little as it fills, so both fill alike), and to a server that discards them.
    core.uploads.pause()
    core.uploads.start()
    const storage = await storageTargets(photos, SIMULATOR)
    stops.push(storage)
    const discard = await discardTargets()
    stops.push(discard)
    const agent = new Agent()
    let mostAtOnce = 0
    const uploadSeconds = await turnAbout(photos, {
      app: async (round) => {
        const ids = round.map((path) => {
          const id = jobs.get(path)
          if (id === undefined) throw new Error(`${path} was not imported`)
          return id
        })
        mostAtOnce = Math.max(mostAtOnce, await watchSending(core, () => uploadRound(core, ids)))
      },
      storage: (round) => rawPuts(round.map(storage.putFor), concurrency, agent),
      discard: (round) => rawPuts(round.map(discard.putFor), concurrency, agent),
    })
    const lastConfirms = performance.now()
    await core.uploads.whenIdle()
    uploadSeconds.app += (performance.now() - lastConfirms) / 1000
    expectAllUploaded(core)
    await agent.close()
    core.close()
    for (const server of [sim, storage, discard]) await server.stop()

    const rounds = `turn about in rounds of ${ROUND_PHOTOS}`
    const figures: BenchReport['figures'] = [
      {
        label: 'import (copy, hash, fsync, EXIF, thumbnail, queue)',
        value: photos.length / importSeconds.import,
        unit: 'photos/s',
        baseline: {
          label: `sharp thumbnails alone, ${IMPORTS_AT_ONCE} at once like the import (${rounds})`,
          value: photos.length / importSeconds.sharp,
        },
      },
      {
        label: 'the same import',
        value: photos.length / importSeconds.import,
        unit: 'photos/s',
        baseline: {
          label: `its required work done bare: read, sha256, the same thumbnail, write, fsync, rename; ${IMPORTS_AT_ONCE} at once`,
          value: photos.length / importSeconds.bare,
        },
      },
      {
        label: `upload (create, signed PUT, confirm; ${concurrency} at once by the setting, at most ${mostAtOnce} seen)`,
        value: totalBytes / uploadSeconds.app / MB,
        unit: 'MB/s',
        baseline: {
          label: `raw streamed PUTs to the simulator's signed storage URLs, ${concurrency} at once (${rounds})`,
          value: totalBytes / uploadSeconds.storage / MB,
        },
      },
      {
        label: 'the same upload',
        value: totalBytes / uploadSeconds.app / MB,
        unit: 'MB/s',
        baseline: {
          label: `raw streamed PUTs to a server that discards the bytes, ${concurrency} at once`,
          value: totalBytes / uploadSeconds.discard / MB,
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
    await importPhotos(link.core, link.target, linkPhotos)
    const started = performance.now()
    const mostOverLink = await watchSending(link.core, async () => {
      link.core.uploads.start()
      await link.core.uploads.whenIdle()
    })
    const linkRate = totalSize(linkPhotos) / ((performance.now() - started) / 1000)
    expectAllUploaded(link.core)
    link.core.close()
    await linkSim.stop()
    const mbit = (bytesPerSecond: number) => (bytesPerSecond * 8) / 1_000_000
    figures.push({
      label: `field link (${FIELD_LINK.linkLatencyMs} ms a request, ${FIELD_LINK.linkConnectionBitsPerSecond / 1e6} Mbit/s a connection, ${FIELD_LINK.linkTotalBitsPerSecond / 1e6} Mbit/s shared): ${linkPhotos.length} photos, at most ${mostOverLink} at once`,
      value: mbit(linkRate),
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
