/** How long uploads run at one number at once, at the least, before its throughput is judged. */
const WINDOW_MS = 5_000
/** After a step up did not pay, the number stays put this long before it is tried again. */
const SETTLE_MS = 60_000

/** A file's bytes (or a resumable piece's) that storage took whole: how many, and how long. */
export interface Delivery {
  startedAt: number
  ms: number
  bytes: number
}

interface Window {
  start: number
  extra: number
  bytes: number
  ms: number
  deliveries: number
}

interface Tuning {
  /** Uploads at once beyond the setting. */
  extra: number
  /** The deliveries that ran wholly at the current number, since it was set. */
  window: Window | null
  /** The throughput measured at the number before this one. */
  previous: { extra: number; bytesPerSecond: number } | null
  settledUntil: number
}

/**
 * How many uploads run at once per account. The setting is the floor; above it the queue probes
 * one more at a time, up to twice the setting, and keeps a step only when it measurably raised
 * the account's throughput. A field link that caps each connection (5 Mbit/s each on a 20 Mbit/s
 * uplink: three uploads fill 15) gains by a fourth; a link that is full already, or a machine
 * whose disk or CPU is the limit, does not, and the number goes back down.
 *
 * Throughput at n at once is n times the rate of each delivery that ran wholly at n (its bytes
 * over its time, from the request to storage's answer). Not the bytes handed to the sockets per
 * second: the kernel takes megabytes of a file into its buffers at once and the link drains them
 * for seconds after, so that count leaps a file at a time and says little about the link.
 *
 * A step up from n counts when throughput rises by more than half of what one more upload adds
 * if each is held to the same rate (1/2n): noise does not pass, a capped connection does.
 */
export class ConcurrencyTuner {
  readonly #tunings = new Map<string, Tuning>()

  /** Uploads at once for an account whose setting is `base`. */
  limit(connectionId: string, base: number): number {
    return base + (this.#tunings.get(connectionId)?.extra ?? 0)
  }

  /** Storage took a file's bytes (or a piece's). Only those begun at the current number count. */
  delivered(connectionId: string, delivery: Delivery): void {
    const window = this.#tunings.get(connectionId)?.window
    if (!window || delivery.startedAt < window.start || delivery.ms <= 0) return
    window.bytes += delivery.bytes
    window.ms += delivery.ms
    window.deliveries += 1
  }

  /**
   * The queue looked for work. `saturated` says that uploads were left waiting for a free slot
   * (without that, throughput says nothing about the number at once).
   */
  observe(connectionId: string, base: number, now: number, saturated: boolean): void {
    const tuning = this.#tuningOf(connectionId)
    if (!saturated || now < tuning.settledUntil) {
      tuning.window = null
      return
    }
    const window = tuning.window
    if (window === null || window.extra !== tuning.extra) {
      tuning.window = { start: now, extra: tuning.extra, bytes: 0, ms: 0, deliveries: 0 }
      return
    }
    const running = base + tuning.extra
    // Each slot's file once, on average: fewer say more about one file than about the number.
    if (now - window.start < WINDOW_MS || window.deliveries < running) return
    const bytesPerSecond = (running * window.bytes * 1000) / window.ms
    tuning.window = null
    const previous = tuning.previous
    if (previous === null || bytesPerSecond > previous.bytesPerSecond * (1 + 1 / (2 * running))) {
      tuning.previous = { extra: tuning.extra, bytesPerSecond }
      if (tuning.extra < base) tuning.extra += 1
      else this.#settle(tuning, now)
      return
    }
    // One more did not pay: back to the number before, and leave it be for a while.
    tuning.extra = previous.extra
    this.#settle(tuning, now)
  }

  #settle(tuning: Tuning, now: number): void {
    tuning.previous = null
    tuning.settledUntil = now + SETTLE_MS
  }

  #tuningOf(connectionId: string): Tuning {
    let tuning = this.#tunings.get(connectionId)
    if (tuning === undefined) {
      tuning = { extra: 0, window: null, previous: null, settledUntil: 0 }
      this.#tunings.set(connectionId, tuning)
    }
    return tuning
  }
}
