import type { Database } from 'better-sqlite3'
import type { HuvrClient } from '../connectors/huvr/client'
import {
  mediaRecordSchema,
  pageSchema,
  type HuvrMediaRecord,
  type Page,
} from '../connectors/huvr/schemas'
import { ConnectorError } from '../connectors/errors'
import type { RawResponse } from '../connectors/resilient-http'
import type { FileStore } from '../files/file-store'
import type { Clock } from '../platform/ports'
import type { FileBodies, FileBody } from './file-bodies'
import { updateJob, type UploadJob } from './jobs'

export interface MediaStepContext {
  db: Database
  client: HuvrClient
  files: FileStore
  clock: Clock
  /**
   * Records a create step just made, kept for the send step that follows so it has the fresh
   * signed URL without asking HUVR again. Memory only: after a restart the send step asks.
   */
  createdRecords: Map<number, HuvrMediaRecord>
  /** Where request bodies are read from the stored file. */
  bodies: FileBodies
  /**
   * How far the file's bytes have got, as they stream: back to 0 when a single PUT starts over,
   * to the server's offset when a resumable session goes on. `settled` marks a position worth
   * saving at once (what storage confirmed, or the start again); the rest is saved now and then.
   */
  onProgress(bytes: number, settled?: boolean): void
}

type UploadTarget = NonNullable<HuvrMediaRecord['upload']>

/**
 * A resumable upload sends the file in chunks of this size, each a request of its own: an
 * interruption costs at most one chunk, and a request is a small share of a chunk's time even
 * on a slow link (8 MiB take 13 s at 5 Mbit/s). GCS wants a multiple of 256 KiB.
 */
export const RESUMABLE_CHUNK_BYTES = 8 * 1024 * 1024
/** What a step asks of the queue: the job is finished, or should run again (after a pause). */
export type StepOutcome = { done: true } | { done: false; retryInMs: number }

const PROCESSED_STATES = new Set(['UPLOADED', 'PROCESSING', 'PROCESSED', 'INSPECTED'])
/** How long processing may take before the bytes are sent again (HUVR may have missed them). */
const CONFIRM_POLLS = 20
/** Between looks at a record HUVR is still processing. */
const CONFIRM_POLL_MS = 500
/** The first look after the bytes landed: sooner than the poll, as a photo may be processed in moments. */
const FIRST_LOOK_MS = 250

/**
 * One HUVR inspection-media upload, advanced one persisted phase at a time so a crash at any
 * point resumes without a twin: create the record with the job's client_id (or find the one an
 * earlier attempt made), send the bytes to the signed storage URL with exactly its headers
 * (asking for a fresh URL when it expired), in one PUT or, where the URL opens a resumable
 * session, in chunks that resume from what storage kept, then wait for HUVR to report the file
 * processed. Each phase is a step of its own, so the queue can run the small API requests
 * (create, confirm) beside the uploads that move bytes instead of in their place.
 */
export async function advanceHuvrMedia(
  ctx: MediaStepContext,
  job: UploadJob,
): Promise<StepOutcome> {
  switch (job.phase) {
    case 'create':
      return create(ctx, job)
    case 'send':
      return send(ctx, job, takeCreatedRecord(ctx, job.id))
    case 'confirm':
      return confirm(ctx, job)
    case 'complete':
      return { done: true }
  }
}

async function create(ctx: MediaStepContext, job: UploadJob): Promise<StepOutcome> {
  // An earlier attempt may have created the record and lost the answer: look before creating.
  const existing = job.attempts > 0 ? await findByClientId(ctx, job) : null
  if (existing) return afterCreate(ctx, job, existing)
  let created: HuvrMediaRecord
  try {
    created = await ctx.client.send('POST', '/api/inspection-media/', mediaRecordSchema, {
      body: createBody(job),
    })
  } catch (error) {
    // A twin with our client_id means our own earlier create went through after all.
    if (
      error instanceof ConnectorError &&
      error.kind === 'validation' &&
      error.details.fieldErrors?.client_id
    ) {
      const twin = await findByClientId(ctx, job)
      if (twin) return afterCreate(ctx, job, twin)
    }
    throw error
  }
  return afterCreate(ctx, job, created)
}

async function afterCreate(
  ctx: MediaStepContext,
  job: UploadJob,
  record: HuvrMediaRecord,
): Promise<StepOutcome> {
  const bytesNeeded = record.state === 'CREATED' || record.state === 'NOT_FOUND' || !record.state
  updateJob(
    ctx.db,
    job.id,
    {
      remote_id: String(record.id),
      phase: bytesNeeded ? 'send' : 'confirm',
      remote_state: record.state ?? null,
    },
    ctx.clock.now(),
  )
  if (!bytesNeeded) return confirm(ctx, { ...job, remote_id: String(record.id), phase: 'confirm' })
  ctx.createdRecords.set(job.id, record)
  return { done: false, retryInMs: 0 }
}

function takeCreatedRecord(ctx: MediaStepContext, jobId: number): HuvrMediaRecord | null {
  const record = ctx.createdRecords.get(jobId) ?? null
  ctx.createdRecords.delete(jobId)
  return record
}

async function send(
  ctx: MediaStepContext,
  job: UploadJob,
  fresh: HuvrMediaRecord | null,
): Promise<StepOutcome> {
  const path = ctx.files.pathFor(job.content_sha256)
  if (path === null) {
    throw new ConnectorError(
      'not-found',
      `The local copy of ${job.filename} is missing from Fieldstation's store; import the file again.`,
    )
  }
  // A session an earlier attempt (or run) opened goes on from what storage kept, with no new URL.
  if (job.session_url !== null) {
    const resumed = await resumeSession(ctx, job, path, job.session_url, null)
    if (resumed === 'sent') return sent(ctx, job)
  }
  let record = fresh ?? (await fetchRecord(ctx, job))
  // A signed URL lasts minutes: when storage refuses it, ask HUVR for a fresh one, once per step.
  for (let tries = 0; tries < 2; tries++) {
    const target = record.upload
    if (!target) break
    const delivery = isResumableStart(target.headers)
      ? await startSession(ctx, job, path, target)
      : await putWhole(ctx, job, path, target)
    if (delivery === 'sent') return sent(ctx, job)
    record = await fetchRecord(ctx, job)
  }
  if (!record.upload && record.state && PROCESSED_STATES.has(record.state)) return confirm(ctx, job)
  throw new ConnectorError(
    'forbidden',
    `HUVR storage refused ${job.filename} twice, even with a fresh upload URL.`,
  )
}

/**
 * The bytes are in storage: from now on only HUVR's processing is awaited. HUVR processes them
 * after they land, so the first look comes a moment later, not at once: a request a file saved,
 * and the slot goes to the next file's bytes meanwhile.
 */
function sent(ctx: MediaStepContext, job: UploadJob): StepOutcome {
  ctx.onProgress(job.size, true)
  updateJob(
    ctx.db,
    job.id,
    { phase: 'confirm', bytes_confirmed: job.size, session_url: null, attempts: 0 },
    ctx.clock.now(),
  )
  return { done: false, retryInMs: FIRST_LOOK_MS }
}

/** What became of one way of delivering the bytes: there, or refused/gone (a fresh URL may help). */
type Delivery = 'sent' | 'refused'

/** The whole file in one PUT to the signed URL, with exactly its headers. */
async function putWhole(
  ctx: MediaStepContext,
  job: UploadJob,
  path: string,
  target: UploadTarget,
): Promise<Delivery> {
  // Storage keeps nothing of a single PUT that did not finish: the next try starts at 0 again.
  const result = await putRange(ctx, target.url, target.headers, path, 0, job.size - 1).catch(
    (error: unknown) => {
      ctx.onProgress(0, true)
      throw error
    },
  )
  if (result.status >= 200 && result.status < 300) return 'sent'
  ctx.onProgress(0, true)
  if (result.status === 400 || result.status === 403) return 'refused'
  throw storageError(job, result.status)
}

/**
 * GCS's resumable upload [I GCS docs]: the signed URL opens a session (POST with
 * `x-goog-resumable: start`, 201 with the session URI in Location), which is saved before any
 * byte goes, so a crash or kill resumes it instead of starting over.
 */
async function startSession(
  ctx: MediaStepContext,
  job: UploadJob,
  path: string,
  target: UploadTarget,
): Promise<Delivery> {
  const started = await ctx.client.toStorage('POST', target.url, {
    headers: target.headers,
    size: 0,
  })
  if (started.status === 400 || started.status === 403) return 'refused'
  const location = headerValue(started.headers.location)
  if ((started.status !== 200 && started.status !== 201) || location === null) {
    throw storageError(job, started.status)
  }
  // Storage names the session; it must be storage (not HUVR's API) that answers for it.
  const sessionUrl = new URL(location, target.url).toString()
  updateJob(ctx.db, job.id, { session_url: sessionUrl, bytes_confirmed: 0 }, ctx.clock.now())
  return resumeSession(ctx, job, path, sessionUrl, 0)
}

/** Interruptions in a row with no byte gained before the step gives up (the queue tries later). */
const MAX_FRUITLESS_INTERRUPTIONS = 5

/**
 * Sends the rest of the file to a session in chunks, each tagged with its Content-Range. After
 * any interruption the session is asked what it kept (`bytes *\/total`) and the upload goes on
 * from there: storage may keep less than it received (whole 256 KiB units only), so the offset is
 * always the server's, never our own count. A session that expired or vanished (404/410) is
 * forgotten: the caller starts a new one with a fresh URL.
 */
async function resumeSession(
  ctx: MediaStepContext,
  job: UploadJob,
  path: string,
  sessionUrl: string,
  knownOffset: number | null,
): Promise<Delivery> {
  let position: SessionPosition =
    knownOffset === null ? await querySession(ctx, job, sessionUrl) : knownOffset
  let fruitless = 0
  for (;;) {
    if (position === 'complete') return 'sent'
    if (position === 'gone') {
      updateJob(ctx.db, job.id, { session_url: null, bytes_confirmed: 0 }, ctx.clock.now())
      ctx.onProgress(0, true)
      return 'refused'
    }
    const offset = position
    ctx.onProgress(offset, true)
    if (offset >= job.size) {
      // Everything is there but the session has not said so (an empty file): ask it to finish.
      position = await querySession(ctx, job, sessionUrl)
      if (position === offset) throw storageError(job, 308)
      continue
    }
    const end = Math.min(offset + RESUMABLE_CHUNK_BYTES, job.size) - 1
    let answer: RawResponse | ConnectorError
    try {
      answer = await putRange(
        ctx,
        sessionUrl,
        { 'content-range': `bytes ${offset}-${end}/${job.size}` },
        path,
        offset,
        end,
        { reportFailures: true },
      )
    } catch (error) {
      if (!(error instanceof ConnectorError && error.kind === 'network')) throw error
      answer = error
    }
    if (answer instanceof ConnectorError || answer.status >= 500) {
      // Cut off (a reset, a 5xx): what storage kept decides where to go on.
      position = await querySession(ctx, job, sessionUrl)
    } else if (answer.status >= 200 && answer.status < 300) {
      return 'sent'
    } else if (answer.status === 404 || answer.status === 410) {
      position = 'gone'
      continue
    } else if (answer.status === 308) {
      position = confirmedBytes(answer.headers.range)
    } else {
      throw storageError(job, answer.status)
    }
    // Storage may keep nothing of a try (a reset before a whole unit arrived): not for ever.
    fruitless = typeof position === 'number' && position <= offset ? fruitless + 1 : 0
    if (fruitless >= MAX_FRUITLESS_INTERRUPTIONS) {
      throw answer instanceof ConnectorError
        ? answer
        : new ConnectorError(
            'server',
            `HUVR storage kept interrupting ${job.filename} at byte ${offset}; it will be resumed from there later.`,
            { status: answer.status },
          )
    }
  }
}

type SessionPosition = number | 'complete' | 'gone'

/** The session's status: how many bytes it holds, whether it is complete, or gone. */
async function querySession(
  ctx: MediaStepContext,
  job: UploadJob,
  sessionUrl: string,
): Promise<SessionPosition> {
  const answer = await ctx.client.toStorage('PUT', sessionUrl, {
    headers: { 'content-range': `bytes */${job.size}` },
    size: 0,
  })
  if (answer.status >= 200 && answer.status < 300) return 'complete'
  if (answer.status === 308) return confirmedBytes(answer.headers.range)
  if (answer.status === 404 || answer.status === 410) return 'gone'
  throw storageError(job, answer.status)
}

/** `Range: bytes=0-N` → N + 1 bytes kept; no Range → nothing kept yet. */
function confirmedBytes(range: string | string[] | undefined): number {
  const match = /^bytes=0-(\d+)$/.exec(headerValue(range)?.trim() ?? '')
  return match ? Number(match[1]) + 1 : 0
}

function headerValue(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null
}

function isResumableStart(headers: Record<string, string>): boolean {
  return Object.entries(headers).some(
    ([name, value]) => name.toLowerCase() === 'x-goog-resumable' && value === 'start',
  )
}

/**
 * PUTs bytes `start`–`end` (inclusive) of the stored file, reporting the position as they go.
 * Each attempt of the transport reads the range afresh; only the one that got an answer to the
 * whole body hands its buffer on to the next upload.
 */
async function putRange(
  ctx: MediaStepContext,
  url: string,
  headers: Record<string, string>,
  path: string,
  start: number,
  end: number,
  options: { reportFailures?: boolean } = {},
): Promise<RawResponse> {
  const attempts: FileBody[] = []
  let answer: RawResponse | null = null
  try {
    answer = await ctx.client.toStorage('PUT', url, {
      headers,
      // An empty file has no range to read; its PUT body is empty.
      size: Math.max(0, end - start + 1),
      openBody: () => {
        const body = ctx.bodies.open(path, start, end, (position) => ctx.onProgress(position))
        attempts.push(body)
        return body.stream
      },
      ...options,
    })
    return answer
  } finally {
    const taken =
      answer !== null && (answer.status === 308 || (answer.status >= 200 && answer.status < 300))
    attempts.forEach((body, i) => body.release(taken && i === attempts.length - 1))
  }
}

function storageError(job: UploadJob, status: number): ConnectorError {
  return new ConnectorError(
    'bad-response',
    `HUVR storage answered HTTP ${status} for ${job.filename}.`,
    { status },
  )
}

async function confirm(ctx: MediaStepContext, job: UploadJob): Promise<StepOutcome> {
  const record = await fetchRecord(ctx, job)
  if (record.state && PROCESSED_STATES.has(record.state)) {
    updateJob(ctx.db, job.id, { phase: 'complete', remote_state: record.state }, ctx.clock.now())
    return { done: true }
  }
  const polls = job.attempts
  if (polls >= CONFIRM_POLLS) {
    // HUVR never saw the bytes arrive (NOT_FOUND, or CREATED for too long): send them again.
    updateJob(
      ctx.db,
      job.id,
      { phase: 'send', remote_state: record.state ?? null, attempts: 0 },
      ctx.clock.now(),
    )
    return { done: false, retryInMs: 0 }
  }
  updateJob(
    ctx.db,
    job.id,
    { remote_state: record.state ?? null, attempts: polls + 1 },
    ctx.clock.now(),
  )
  return { done: false, retryInMs: CONFIRM_POLL_MS }
}

async function fetchRecord(ctx: MediaStepContext, job: UploadJob): Promise<HuvrMediaRecord> {
  return ctx.client.get(`/api/inspection-media/${job.remote_id}/`, mediaRecordSchema)
}

/**
 * The record an earlier attempt made, by client_id. The list filter is a guess about HUVR, so
 * every result's client_id is checked too (a server that ignores the filter just lists more).
 */
async function findByClientId(
  ctx: MediaStepContext,
  job: UploadJob,
): Promise<HuvrMediaRecord | null> {
  let url: string | null =
    `/api/inspection-media/?project=${job.target_id}&client_id=${job.client_id}&limit=1000`
  while (url) {
    const page: Page = await ctx.client.get(url, pageSchema)
    for (const item of page.results) {
      const parsed = mediaRecordSchema.safeParse(item)
      if (parsed.success && parsed.data.client_id === job.client_id) return parsed.data
    }
    url = page.next
  }
  return null
}

function createBody(job: UploadJob): Record<string, unknown> {
  const gps =
    job.gps === null
      ? null
      : (JSON.parse(job.gps) as { latitude: number; longitude: number; altitude: number | null })
  return {
    filename: job.filename,
    name: job.filename,
    project: Number(job.target_id),
    client_id: job.client_id,
    local_id: job.content_sha256,
    media_type: job.media_type,
    size: job.size,
    ...(job.description ? { description: job.description } : {}),
    ...(job.captured_at ? { captured_on: job.captured_at } : {}),
    ...(gps
      ? {
          geo_point:
            gps.altitude === null
              ? [gps.latitude, gps.longitude]
              : [gps.latitude, gps.longitude, gps.altitude],
        }
      : {}),
  }
}
