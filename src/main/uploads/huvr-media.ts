import { createReadStream } from 'node:fs'
import type { Database } from 'better-sqlite3'
import type { HuvrClient } from '../connectors/huvr/client'
import {
  mediaRecordSchema,
  pageSchema,
  type HuvrMediaRecord,
  type Page,
} from '../connectors/huvr/schemas'
import { ConnectorError } from '../connectors/errors'
import type { FileStore } from '../files/file-store'
import type { Clock } from '../platform/ports'
import { updateJob, type UploadJob } from './jobs'

export interface MediaStepContext {
  db: Database
  client: HuvrClient
  files: FileStore
  clock: Clock
  /** Bytes leaving for storage, as they go (for progress). */
  onBytes(count: number): void
}

/** What a step asks of the queue: the job is finished, or should run again (after a pause). */
export type StepOutcome = { done: true } | { done: false; retryInMs: number }

const PROCESSED_STATES = new Set(['UPLOADED', 'PROCESSING', 'PROCESSED', 'INSPECTED'])
/** How long processing may take before the bytes are sent again (HUVR may have missed them). */
const CONFIRM_POLLS = 20

/**
 * One HUVR inspection-media upload, advanced one persisted phase at a time so a crash at any
 * point resumes without a twin: create the record with the job's client_id (or find the one an
 * earlier attempt made), send the bytes to the signed storage URL with exactly its headers
 * (asking for a fresh URL when it expired), then wait for HUVR to report the file processed.
 */
export async function advanceHuvrMedia(
  ctx: MediaStepContext,
  job: UploadJob,
): Promise<StepOutcome> {
  switch (job.phase) {
    case 'create':
      return create(ctx, job)
    case 'send':
      return send(ctx, job, null)
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
  const updated = {
    ...job,
    remote_id: String(record.id),
    phase: bytesNeeded ? ('send' as const) : ('confirm' as const),
  }
  return bytesNeeded ? send(ctx, updated, record) : confirm(ctx, updated)
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
  let record = fresh ?? (await fetchRecord(ctx, job))
  // A signed URL lasts minutes: when storage refuses it, ask HUVR for a fresh one, once per step.
  for (let tries = 0; tries < 2; tries++) {
    const target = record.upload
    if (!target) break
    const result = await ctx.client.putToStorage(target.url, target.headers, job.size, () => {
      const stream = createReadStream(path)
      stream.on('data', (chunk) => ctx.onBytes(chunk.length))
      return stream
    })
    if (result.status >= 200 && result.status < 300) {
      updateJob(ctx.db, job.id, { phase: 'confirm', bytes_confirmed: job.size }, ctx.clock.now())
      return confirm(ctx, { ...job, phase: 'confirm' })
    }
    if (result.status !== 400 && result.status !== 403) {
      throw new ConnectorError(
        'bad-response',
        `HUVR storage answered HTTP ${result.status} for ${job.filename}.`,
        { status: result.status },
      )
    }
    record = await fetchRecord(ctx, job)
  }
  if (!record.upload && record.state && PROCESSED_STATES.has(record.state)) return confirm(ctx, job)
  throw new ConnectorError(
    'forbidden',
    `HUVR storage refused ${job.filename} twice, even with a fresh upload URL.`,
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
  return { done: false, retryInMs: 500 }
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
