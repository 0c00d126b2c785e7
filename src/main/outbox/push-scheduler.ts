import { request } from 'undici'
import type { EventPayload } from '../../shared/rpc/contract'
import type { EventBus } from '../core/events'
import type { Logger } from '../log/logger'
import type { Clock } from '../platform/ports'
import type { PushResult } from './push'

export interface PushSchedulerDeps {
  clock: Clock
  log: Logger
  events: EventBus
  workOffline(): boolean
  connections(): { id: string; baseUrl: string }[]
  /** Items of a connection waiting to be sent, and the earliest time one may be retried. */
  waiting(connectionId: string): { count: number; nextAttemptAt: number | null }
  push(connectionId: string): Promise<PushResult>
  /** Whether a server answers at all (any HTTP status counts); replaced in tests. */
  probe?(baseUrl: string): Promise<boolean>
  /** Shorter waits for tests. */
  timing?: Partial<SchedulerTiming>
}

export interface SchedulerTiming {
  /** After an edit, wait this long for more before sending. */
  editDebounceMs: number
  /** While reachable, check again (and send what waits) this often. */
  onlineCheckMs: number
  /** While unreachable, the first wait before checking again; it doubles up to the maximum. */
  offlineFirstRetryMs: number
  offlineMaxRetryMs: number
}

const DEFAULT_TIMING: SchedulerTiming = {
  editDebounceMs: 1_500,
  onlineCheckMs: 60_000,
  offlineFirstRetryMs: 5_000,
  offlineMaxRetryMs: 120_000,
}

interface Reachability {
  reachable: boolean | null
  checkedAt: number | null
  nextCheckAt: number | null
  failures: number
  timer: NodeJS.Timeout | null
}

/**
 * Decides when each connection's outbox is sent. Reachability is measured per server (not the
 * operating system's online flag), checked again with backoff while it fails; the push starts
 * by itself when a server answers again, shortly after an edit, and when a retry falls due.
 * "Work offline" stops all of it until turned off.
 */
export class PushScheduler {
  readonly #deps: PushSchedulerDeps
  readonly #timing: SchedulerTiming
  readonly #state = new Map<string, Reachability>()
  #running = false

  constructor(deps: PushSchedulerDeps) {
    this.#deps = deps
    this.#timing = { ...DEFAULT_TIMING, ...deps.timing }
  }

  start(): void {
    this.#running = true
    for (const { id } of this.#deps.connections()) this.#schedule(id, 0)
  }

  stop(): void {
    this.#running = false
    for (const state of this.#state.values()) if (state.timer) clearTimeout(state.timer)
  }

  /** After a local edit: send soon, unless nothing can be reached. */
  afterEdit(connectionId: string): void {
    if (!this.#running) return
    const state = this.#stateOf(connectionId)
    if (state.reachable === false) return
    this.#schedule(connectionId, this.#timing.editDebounceMs)
  }

  /** Work offline was switched, or accounts changed: re-plan every connection. */
  replan(): void {
    if (!this.#running) return
    for (const { id } of this.#deps.connections()) this.#schedule(id, 0)
    this.#emit()
  }

  status(): EventPayload<'connectivity.changed'> {
    return {
      workOffline: this.#deps.workOffline(),
      connections: this.#deps.connections().map(({ id }) => {
        const state = this.#stateOf(id)
        return {
          connectionId: id,
          reachable: state.reachable,
          checkedAt: state.checkedAt,
          nextCheckAt: state.nextCheckAt,
        }
      }),
    }
  }

  #stateOf(connectionId: string): Reachability {
    let state = this.#state.get(connectionId)
    if (!state) {
      state = { reachable: null, checkedAt: null, nextCheckAt: null, failures: 0, timer: null }
      this.#state.set(connectionId, state)
    }
    return state
  }

  #schedule(connectionId: string, delayMs: number): void {
    const state = this.#stateOf(connectionId)
    if (state.timer) clearTimeout(state.timer)
    state.timer = null
    if (!this.#running || this.#deps.workOffline()) {
      state.nextCheckAt = null
      return
    }
    state.nextCheckAt = this.#deps.clock.now() + delayMs
    state.timer = setTimeout(() => void this.#check(connectionId), delayMs)
    state.timer.unref()
  }

  async #check(connectionId: string): Promise<void> {
    const state = this.#stateOf(connectionId)
    state.timer = null
    const connection = this.#deps.connections().find((c) => c.id === connectionId)
    if (!connection || !this.#running || this.#deps.workOffline()) return
    const probe = this.#deps.probe ?? probeServer
    let reachable = await probe(connection.baseUrl)
    if (reachable && this.#deps.waiting(connectionId).count > 0) {
      try {
        const result = await this.#deps.push(connectionId)
        if (result.stoppedBy?.kind === 'network') reachable = false
      } catch (error) {
        this.#deps.log.warn({ err: error, connectionId }, 'automatic push failed')
      }
    }
    this.#record(connectionId, reachable)
    const retryAt = this.#deps.waiting(connectionId).nextAttemptAt
    const now = this.#deps.clock.now()
    const delay = reachable
      ? Math.max(
          0,
          Math.min(this.#timing.onlineCheckMs, retryAt === null ? Infinity : retryAt - now),
        )
      : Math.min(
          this.#timing.offlineMaxRetryMs,
          this.#timing.offlineFirstRetryMs * 2 ** (state.failures - 1),
        )
    this.#schedule(connectionId, delay)
    // After every check, so windows show when the next one comes, not only when reachability flips.
    this.#emit()
  }

  #record(connectionId: string, reachable: boolean): void {
    const state = this.#stateOf(connectionId)
    state.reachable = reachable
    state.checkedAt = this.#deps.clock.now()
    state.failures = reachable ? 0 : state.failures + 1
  }

  #emit(): void {
    this.#deps.events.emit('connectivity.changed', this.status())
  }
}

async function probeServer(baseUrl: string): Promise<boolean> {
  try {
    const response = await request(`${baseUrl.replace(/\/+$/, '')}/api/`, {
      method: 'GET',
      headersTimeout: 5_000,
      bodyTimeout: 5_000,
    })
    await response.body.dump()
    return true
  } catch {
    return false
  }
}
