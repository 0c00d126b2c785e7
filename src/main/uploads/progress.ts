import type { Database } from 'better-sqlite3'
import type { UploadProgressEvent } from '../../shared/rpc/upload-contract'
import type { EventBus } from '../core/events'
import type { Clock } from '../platform/ports'
import type { UploadJob } from './jobs'

/** A running job's position is saved at most this often: SQLite is not written per chunk. */
const SAVE_EVERY_MS = 250
/** While bytes flow, an account's progress is pushed at most this often. */
const EMIT_EVERY_MS = 250
/** Rates are measured over this much of the recent past. */
const RATE_WINDOW_MS = 5_000
/** At most one rate sample per this much time, however small the chunks. */
const SAMPLE_EVERY_MS = 100
/** Less history than this gives no rate yet (the first chunks are all buffering). */
const MIN_RATE_SPAN_MS = 500

/**
 * Bytes moved per second over the last few seconds. The time runs to "now", so the rate falls
 * when bytes stop flowing instead of showing the last burst for ever.
 */
class RateMeter {
  #moved = 0
  #samples: { at: number; moved: number }[] = []

  add(now: number, bytes: number): void {
    this.#moved += bytes
    const last = this.#samples[this.#samples.length - 1]
    // A sample says how much had moved by its time: bytes of the same instant belong to it.
    if (last?.at === now) last.moved = this.#moved
    else if (last === undefined || now - last.at >= SAMPLE_EVERY_MS) {
      this.#samples.push({ at: now, moved: this.#moved })
    }
  }

  perSecond(now: number): number | null {
    // Keep the newest sample older than the window: it is where the window's count starts.
    while (this.#samples.length > 1 && (this.#samples[1]?.at ?? now) <= now - RATE_WINDOW_MS) {
      this.#samples.shift()
    }
    const first = this.#samples[0]
    if (first === undefined || now - first.at < MIN_RATE_SPAN_MS) return null
    return ((this.#moved - first.moved) * 1000) / (now - first.at)
  }
}

interface LiveJob {
  id: number
  connectionId: string
  size: number
  bytes: number
  savedBytes: number
  savedAt: number
  rate: RateMeter
}

/**
 * Byte progress of the uploads under way: each running file's position (saved to its job row
 * now and then, and at once when storage confirmed it), the rates per file and per account,
 * and `upload.progress` pushes with per-file and total bytes, rate and time left, a few times a
 * second while bytes flow and whenever a file's step ends.
 */
export class UploadProgress {
  readonly #deps: { db: Database; clock: Clock; events: EventBus }
  readonly #live = new Map<number, LiveJob>()
  readonly #rates = new Map<string, RateMeter>()
  readonly #emitTimers = new Map<string, NodeJS.Timeout>()
  #moved = 0

  constructor(deps: { db: Database; clock: Clock; events: EventBus }) {
    this.#deps = deps
  }

  /** Every byte sent since start, re-sent ones included (what the link carried). */
  get bytesMoved(): number {
    return this.#moved
  }

  begin(job: UploadJob): void {
    this.#live.set(job.id, {
      id: job.id,
      connectionId: job.connection_id,
      size: job.size,
      bytes: job.bytes_confirmed,
      savedBytes: job.bytes_confirmed,
      savedAt: this.#deps.clock.now(),
      rate: new RateMeter(),
    })
  }

  /** The job's file is `bytes` in; `settled` saves it at once (a confirmed offset, a restart). */
  report(jobId: number, bytes: number, settled = false): void {
    const live = this.#live.get(jobId)
    if (!live) return
    const now = this.#deps.clock.now()
    // Going back (a send starting over) moves nothing; what is sent again counts as it goes.
    const moved = Math.max(0, bytes - live.bytes)
    live.bytes = bytes
    if (moved > 0) {
      this.#moved += moved
      live.rate.add(now, moved)
      this.#rateOf(live.connectionId).add(now, moved)
    }
    if (settled || (bytes !== live.savedBytes && now - live.savedAt >= SAVE_EVERY_MS)) {
      this.#deps.db
        .prepare('UPDATE upload_jobs SET bytes_confirmed = ? WHERE id = ?')
        .run(bytes, jobId)
      live.savedBytes = bytes
      live.savedAt = now
    }
    this.#scheduleEmit(live.connectionId)
  }

  /** The job's step ended (its row already says how): tell the windows at once. */
  end(jobId: number): void {
    const live = this.#live.get(jobId)
    if (!live) return
    this.#live.delete(jobId)
    this.emit(live.connectionId)
  }

  stop(): void {
    for (const timer of this.#emitTimers.values()) clearTimeout(timer)
    this.#emitTimers.clear()
  }

  emit(connectionId: string): void {
    const timer = this.#emitTimers.get(connectionId)
    if (timer) clearTimeout(timer)
    this.#emitTimers.delete(connectionId)
    this.#deps.events.emit('upload.progress', this.snapshot(connectionId))
  }

  /** One account's uploads: counts, bytes (running files as they are now), rate and time left. */
  snapshot(connectionId: string): UploadProgressEvent {
    const { db, clock } = this.#deps
    const now = clock.now()
    const totals = db
      .prepare(
        `SELECT count(*) AS total, count(*) FILTER (WHERE state = 'done') AS done,
           coalesce(sum(size), 0) AS bytesTotal,
           coalesce(sum(CASE WHEN state = 'done' THEN size ELSE bytes_confirmed END), 0) AS bytesDone,
           coalesce(sum(size - bytes_confirmed) FILTER (WHERE state IN ('queued', 'running')), 0) AS bytesLeft
         FROM upload_jobs WHERE connection_id = ? AND state <> 'cancelled'`,
      )
      .get(connectionId) as {
      total: number
      done: number
      bytesTotal: number
      bytesDone: number
      bytesLeft: number
    }
    const jobs: UploadProgressEvent['jobs'] = []
    let { bytesDone, bytesLeft } = totals
    for (const live of this.#live.values()) {
      if (live.connectionId !== connectionId) continue
      // The row lags the stream by up to SAVE_EVERY_MS; the live position is the true one.
      bytesDone += live.bytes - live.savedBytes
      bytesLeft -= live.bytes - live.savedBytes
      const rate = live.rate.perSecond(now)
      jobs.push({
        id: live.id,
        bytes: live.bytes,
        size: live.size,
        bytesPerSecond: rate ?? 0,
        secondsLeft: timeLeft(live.size - live.bytes, rate),
      })
    }
    const rate = this.#rateOf(connectionId).perSecond(now)
    return {
      connectionId,
      done: totals.done,
      total: totals.total,
      bytesDone: Math.max(0, bytesDone),
      bytesTotal: totals.bytesTotal,
      bytesPerSecond: rate ?? 0,
      secondsLeft: timeLeft(Math.max(0, bytesLeft), rate),
      jobs,
    }
  }

  #rateOf(connectionId: string): RateMeter {
    let meter = this.#rates.get(connectionId)
    if (!meter) {
      meter = new RateMeter()
      this.#rates.set(connectionId, meter)
    }
    return meter
  }

  #scheduleEmit(connectionId: string): void {
    if (this.#emitTimers.has(connectionId)) return
    const timer = setTimeout(() => this.emit(connectionId), EMIT_EVERY_MS)
    // A push that is due must not keep a finished CLI run alive.
    timer.unref()
    this.#emitTimers.set(connectionId, timer)
  }
}

/** Seconds to send `bytes` at `rate`; null while the rate is unknown or nothing moves. */
function timeLeft(bytes: number, rate: number | null): number | null {
  if (bytes <= 0) return 0
  return rate !== null && rate > 0 ? bytes / rate : null
}
