import type { Database } from 'better-sqlite3'
import { backoffDelay } from '../connectors/backoff'
import type { HuvrClient } from '../connectors/huvr/client'
import type { HuvrMediaRecord } from '../connectors/huvr/schemas'
import { ConnectorError, isTransient } from '../connectors/errors'
import type { EventBus } from '../core/events'
import type { FileStore } from '../files/file-store'
import type { Logger } from '../log/logger'
import type { Clock } from '../platform/ports'
import { z } from 'zod'
import type { TransamClient } from '../connectors/transam/client'
import { FileBodies } from './file-bodies'
import {
  filesWantingBytes,
  laneOf,
  stepsToStart,
  type RunnableJob,
  type RunningStep,
} from './lanes'
import { advanceHuvrMedia, type StepOutcome } from './huvr-media'
import { advanceTransamDocument } from './transam-document'
import { getJob, requeueInterrupted, updateJob, type UploadJob } from './jobs'
import { pruneUploadedCopies } from './retention'
import { ConcurrencyTuner } from './concurrency'
import { UploadProgress } from './progress'

export interface UploadQueueDeps {
  db: Database
  files: FileStore
  clock: Clock
  log: Logger
  events: EventBus
  /** One client per connection, shared by its jobs (so a 429 pauses them all). */
  huvrClient(connectionId: string): HuvrClient
  /** A TransAM client with the account's token (it throws 'auth' when the user must sign in). */
  transamClient(connectionId: string): TransamClient
  /**
   * The account's credentials were refused: HUVR's client is dropped so fixed ones are used next,
   * TransAM's token is forgotten so nothing keeps sending it.
   */
  onCredentialsRefused(connectionId: string): void
  /** Uploads at once per connection (the setting; the queue may add more, see ConcurrencyTuner). */
  concurrency(): number
  /** Days a local copy is kept after its upload was confirmed (the setting). */
  keepUploadedFilesDays(): number
}

const nullSchema = z.null()

/** Waits between attempts after a network or server failure: from a second up to five minutes. */
const RETRY_BACKOFF = { baseMs: 1_000, capMs: 5 * 60_000 }

/**
 * The durable upload queue, after Signal's JobManager: every job's state, attempts, next attempt
 * and last error live in SQLite; jobs that were running when the app died are queued again on
 * start; at most `concurrency` jobs run per connection; failures that time may cure are retried
 * with jittered backoff, the rest wait for the inspector with their reason.
 */
export class UploadQueue {
  readonly #deps: UploadQueueDeps
  readonly #inFlight = new Map<number, RunningStep>()
  readonly #createdRecords = new Map<number, HuvrMediaRecord>()
  readonly #bodies = new FileBodies()
  #started = false
  #wakeTimer: NodeJS.Timeout | null = null
  #idleWaiters: (() => void)[] = []
  readonly #progress: UploadProgress
  readonly #tuner = new ConcurrencyTuner()

  constructor(deps: UploadQueueDeps) {
    this.#deps = deps
    this.#progress = new UploadProgress(deps)
  }

  /** Starts working (again); jobs a crash left 'running' are queued first. */
  start(): void {
    if (this.#started) return
    this.#started = true
    requeueInterrupted(this.#deps.db, this.#deps.clock.now())
    const pruned = pruneUploadedCopies(
      this.#deps.db,
      this.#deps.files,
      this.#deps.clock.now(),
      this.#deps.keepUploadedFilesDays(),
    )
    if (pruned > 0) this.#deps.log.info({ pruned }, 'local copies of old uploads removed')
    this.#pump()
  }

  /** Stops taking new jobs; jobs in flight finish their current step. */
  stop(): void {
    this.#started = false
    if (this.#wakeTimer) clearTimeout(this.#wakeTimer)
    this.#progress.stop()
  }

  /** Resolves once no job is queued or running (the rest are done, failed, paused or cancelled). */
  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.#idleWaiters.push(resolve))
  }

  /** Something was queued, resumed or retried: look for work now. */
  wake(): void {
    if (this.#started) this.#pump()
  }

  /** Pauses one job, or every queued and running one; a running step finishes first. */
  pause(jobId?: number): number {
    return this.#setState(jobId, ['queued', 'running'], 'paused')
  }

  resume(jobId?: number): number {
    const changed = this.#setState(jobId, ['paused'], 'queued')
    this.wake()
    return changed
  }

  /** Tries a failed job again from where it stopped. */
  retry(jobId: number): number {
    const changed = this.#setState(jobId, ['failed'], 'queued')
    this.wake()
    return changed
  }

  /**
   * Gives up on a job. A media record created on the server but never completed is deleted
   * there too, so no empty record is left behind; when that cannot be done now, the job says so.
   */
  async cancel(jobId: number): Promise<void> {
    const { db, clock } = this.#deps
    const job = getJob(db, jobId)
    if (!job || job.state === 'done' || job.state === 'cancelled') return
    updateJob(db, jobId, { state: 'cancelled', next_attempt_at: null }, clock.now())
    if (job.remote_id === null || job.phase === 'complete' || job.target_kind !== 'huvr.project')
      return
    try {
      await this.#deps
        .huvrClient(job.connection_id)
        .send('DELETE', `/api/inspection-media/${job.remote_id}/`, nullSchema)
      updateJob(db, jobId, { remote_id: null }, clock.now())
    } catch (error) {
      if (error instanceof ConnectorError && error.kind === 'not-found') return
      updateJob(
        db,
        jobId,
        {
          last_error: `Cancelled, but the unfinished record in HUVR could not be removed: ${error instanceof Error ? error.message : String(error)}`,
        },
        clock.now(),
      )
    }
  }

  #setState(jobId: number | undefined, from: UploadJob['state'][], to: UploadJob['state']): number {
    const { db, clock } = this.#deps
    const states = from.map((state) => `'${state}'`).join(', ')
    const reset = to === 'queued' ? ', next_attempt_at = NULL' : ''
    const sql = `UPDATE upload_jobs SET state = ?, updated_at = ?${reset} WHERE state IN (${states})${jobId === undefined ? '' : ' AND id = ?'}`
    return db.prepare(sql).run(to, clock.now(), ...(jobId === undefined ? [] : [jobId])).changes
  }

  /** Bytes sent to storage since start, re-sent ones included. */
  get bytesSent(): number {
    return this.#progress.bytesMoved
  }

  #isIdle(): boolean {
    const waiting = this.#deps.db
      .prepare("SELECT 1 FROM upload_jobs WHERE state IN ('queued', 'running') LIMIT 1")
      .get()
    return waiting === undefined && this.#inFlight.size === 0
  }

  #pump(): void {
    if (!this.#started) return
    if (this.#wakeTimer) clearTimeout(this.#wakeTimer)
    this.#wakeTimer = null
    const { db, clock } = this.#deps
    const now = clock.now()
    const base = this.#deps.concurrency()
    const waiting = (
      db
        .prepare(
          // Uploads into a project created offline wait until the push gives it its server id.
          "SELECT id, connection_id, target_kind, phase FROM upload_jobs WHERE state = 'queued' AND coalesce(next_attempt_at, 0) <= ? AND target_id NOT LIKE '-%' ORDER BY id",
        )
        .all(now) as RunnableJob[]
    ).filter((job) => !this.#inFlight.has(job.id))
    const running = [...this.#inFlight.values()]
    for (const [connectionId, wanting] of filesWantingBytes(waiting, running)) {
      const saturated = wanting > this.#tuner.limit(connectionId, base)
      this.#tuner.observe(connectionId, base, now, saturated)
    }
    const starts = stepsToStart(waiting, running, (connectionId) =>
      this.#tuner.limit(connectionId, base),
    )
    for (const { job, step } of starts) {
      this.#inFlight.set(job.id, step)
      updateJob(db, job.id, { state: 'running' }, now)
      void this.#run(job.id).finally(() => {
        this.#inFlight.delete(job.id)
        this.#progress.end(job.id)
        this.#pump()
      })
    }
    if (this.#isIdle()) {
      // Nothing runs: let go of buffers, and of records whose jobs were paused or cancelled
      // before they could send (a send step without one asks HUVR for its record).
      this.#bodies.clear()
      this.#createdRecords.clear()
      for (const resolve of this.#idleWaiters.splice(0)) resolve()
      return
    }
    const next = db
      .prepare(
        "SELECT min(next_attempt_at) FROM upload_jobs WHERE state = 'queued' AND next_attempt_at > ?",
      )
      .pluck()
      .get(now) as number | null
    if (next !== null) this.#wakeTimer = setTimeout(() => this.#pump(), Math.max(10, next - now))
  }

  async #run(id: number): Promise<void> {
    const { db, clock, log } = this.#deps
    const job = getJob(db, id)
    if (!job || job.state !== 'running') return
    this.#progress.begin(job)
    const startedAt = clock.now()
    let outcome: StepOutcome
    try {
      outcome = await this.#step(job)
    } catch (error) {
      this.#failed(job, error)
      return
    }
    const after = getJob(db, id)
    if (after && laneOf(job) === 'bytes' && after.bytes_confirmed > job.bytes_confirmed) {
      this.#tuner.delivered(job.connection_id, {
        startedAt,
        ms: clock.now() - startedAt,
        bytes: after.bytes_confirmed - job.bytes_confirmed,
      })
    }
    // Paused or cancelled while the step ran: leave it as the inspector set it.
    if (after?.state !== 'running') return
    if (outcome.done) {
      updateJob(db, id, { state: 'done', last_error: null, next_attempt_at: null }, clock.now())
      log.info({ id, filename: job.filename }, 'upload done')
    } else {
      updateJob(
        db,
        id,
        { state: 'queued', next_attempt_at: clock.now() + outcome.retryInMs },
        clock.now(),
      )
    }
  }

  async #step(job: UploadJob): Promise<StepOutcome> {
    if (job.target_kind === 'transam.asset') {
      const client = this.#deps.transamClient(job.connection_id)
      try {
        return await advanceTransamDocument(
          { db: this.#deps.db, client, files: this.#deps.files, clock: this.#deps.clock },
          job,
        )
      } finally {
        await client.close()
      }
    }
    return advanceHuvrMedia(
      {
        db: this.#deps.db,
        client: this.#deps.huvrClient(job.connection_id),
        files: this.#deps.files,
        clock: this.#deps.clock,
        createdRecords: this.#createdRecords,
        bodies: this.#bodies,
        onProgress: (bytes, settled) => this.#progress.report(job.id, bytes, settled),
      },
      job,
    )
  }

  /** A failure time may cure is retried later; anything else waits for the inspector, with why. */
  #failed(job: UploadJob, error: unknown): void {
    const { db, clock, log } = this.#deps
    const message = error instanceof Error ? error.message : String(error)
    if (getJob(db, job.id)?.state !== 'running') return
    if (isTransient(error) || (error instanceof ConnectorError && error.kind === 'throttled')) {
      const attempts = job.attempts + 1
      updateJob(
        db,
        job.id,
        {
          state: 'queued',
          attempts,
          last_error: message,
          next_attempt_at: clock.now() + backoffDelay(attempts, RETRY_BACKOFF),
        },
        clock.now(),
      )
      log.warn({ id: job.id, attempts, message }, 'upload will be retried')
      return
    }
    // Refused credentials: drop the client so a retry signs in with the fixed ones.
    if (error instanceof ConnectorError && error.kind === 'auth')
      this.#deps.onCredentialsRefused(job.connection_id)
    updateJob(
      db,
      job.id,
      { state: 'failed', last_error: message, next_attempt_at: null },
      clock.now(),
    )
    log.error({ id: job.id, message }, 'upload failed')
  }
}
