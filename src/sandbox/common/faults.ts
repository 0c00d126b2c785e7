import { z } from 'zod'
import { mergePatch } from './patch'
import { createRandom, type Random } from './random'

/**
 * Fault injection shared by every simulator. Random faults draw one number per matching request
 * from a seeded generator, so a given seed and request sequence always fail the same way; scripted
 * faults (`failNext`) come first, then a configured 429 burst, then the random rates.
 */
export type FaultKind =
  /** The connection is dropped before the request is handled: nothing changed on the server. */
  | 'reset-before'
  /** A 5xx answer before the request is handled. */
  | 'server-error'
  /** Handled (changes stick), then the connection is dropped with no response: unknown outcome. */
  | 'lost-response'
  /** Handled, then the status line, headers and part of the body are sent before a reset. */
  | 'reset-mid-body'
  /** A 429 with Retry-After before the request is handled. */
  | 'throttle'
  /**
   * An answer the API itself would never give, as a proxy or a broken deploy might: the given
   * status, content type and body (an HTML error page, malformed JSON, an empty 500…).
   */
  | 'garbled'

export const FAULT_KINDS = [
  'reset-before',
  'server-error',
  'lost-response',
  'reset-mid-body',
  'throttle',
  'garbled',
] as const satisfies readonly FaultKind[]

export interface ScriptedFault {
  kind: FaultKind
  /** How many matching requests it hits (default 1). */
  times?: number
  /** How many matching requests it lets through first (default 0): "the second chunk fails". */
  skip?: number
  method?: string
  /** Path prefix it applies to (default: every path in the `paths` fault setting). */
  pathPrefix?: string
  /** For server-error and garbled (default: the first of serverErrorStatuses). */
  status?: number
  /** For throttle. */
  retryAfterSeconds?: number
  /** For garbled: the raw body and its content type (default text/html). */
  body?: string
  contentType?: string
}

export const scriptedFaultSchema = z.object({
  kind: z.enum(FAULT_KINDS),
  times: z.number().int().positive().optional(),
  skip: z.number().int().nonnegative().optional(),
  method: z.string().optional(),
  pathPrefix: z.string().optional(),
  status: z.number().int().min(100).max(599).optional(),
  retryAfterSeconds: z.number().int().positive().optional(),
  body: z.string().optional(),
  contentType: z.string().optional(),
})

export interface FaultDecision {
  kind: FaultKind
  status?: number
  retryAfterSeconds?: number
  body?: string
  contentType?: string
}

const rate = z.number().min(0).max(1)

export const faultsSchema = z.object({
  /** Added before every matching request is handled. */
  latencyMs: z.number().nonnegative(),
  /** Share of matching requests answered with a 5xx before they are handled. */
  serverErrorRate: rate,
  serverErrorStatuses: z.array(z.number().int().min(500).max(599)).min(1),
  /** Share of matching requests whose connection is dropped before they are handled. */
  resetBeforeRate: rate,
  /** Share handled (state changes stick) whose connection is then dropped with no response. */
  lostResponseRate: rate,
  /** Share handled whose response is cut off: headers and part of the body, then a reset. */
  resetMidBodyRate: rate,
  /** Seed of the fault RNG: the same seed and request sequence give the same faults. */
  seed: z.number().int(),
  /** Path prefixes the faults apply to. */
  paths: z.array(z.string()),
  /** The next `count` matching requests get 429 with this Retry-After (a burst). */
  burst429: z
    .object({
      count: z.number().int().nonnegative(),
      retryAfterSeconds: z.number().int().positive(),
    })
    .nullable(),
})
export type FaultSettings = z.infer<typeof faultsSchema>
export type FaultsPatch = Partial<FaultSettings>

export const faultsPatchSchema = faultsSchema.partial().strict()

export function mergeFaults(current: FaultSettings, patch: FaultsPatch = {}): FaultSettings {
  return mergePatch(faultsSchema, faultsPatchSchema, current, patch)
}

/** No faults at all (a simulator answers like a healthy server) on the given path prefixes. */
export function defaultFaults(paths: string[]): FaultSettings {
  return {
    latencyMs: 0,
    serverErrorRate: 0,
    serverErrorStatuses: [500, 502, 503],
    resetBeforeRate: 0,
    lostResponseRate: 0,
    resetMidBodyRate: 0,
    seed: 1,
    paths,
    burst429: null,
  }
}

export class FaultInjector {
  private random: Random
  private readonly scripted: (ScriptedFault & { remaining: number; toSkip: number })[] = []

  constructor(seed: number) {
    this.random = createRandom(seed)
  }

  reseed(seed: number): void {
    this.random = createRandom(seed)
  }

  enqueue(fault: ScriptedFault): void {
    this.scripted.push({ ...fault, remaining: fault.times ?? 1, toSkip: fault.skip ?? 0 })
  }

  clearScripted(): void {
    this.scripted.length = 0
  }

  /** Whether fault injection looks at this path at all. */
  applies(path: string, faults: FaultSettings): boolean {
    return faults.paths.some((prefix) => path.startsWith(prefix))
  }

  decide(method: string, path: string, faults: FaultSettings): FaultDecision | null {
    const scripted = this.scripted.find((fault) => {
      const matches =
        (fault.method === undefined || fault.method.toUpperCase() === method) &&
        (fault.pathPrefix === undefined || path.startsWith(fault.pathPrefix))
      if (!matches || fault.toSkip === 0) return matches
      fault.toSkip -= 1
      return false
    })
    if (scripted !== undefined) {
      scripted.remaining -= 1
      if (scripted.remaining <= 0) this.scripted.splice(this.scripted.indexOf(scripted), 1)
      return {
        kind: scripted.kind,
        status: scripted.status ?? faults.serverErrorStatuses[0],
        retryAfterSeconds: scripted.retryAfterSeconds ?? 1,
        body: scripted.body ?? '',
        contentType: scripted.contentType ?? 'text/html; charset=utf-8',
      }
    }
    if (faults.burst429 !== null && faults.burst429.count > 0) {
      faults.burst429.count -= 1
      return { kind: 'throttle', retryAfterSeconds: faults.burst429.retryAfterSeconds }
    }
    const rates: [FaultKind, number][] = [
      ['reset-before', faults.resetBeforeRate],
      ['server-error', faults.serverErrorRate],
      ['lost-response', faults.lostResponseRate],
      ['reset-mid-body', faults.resetMidBodyRate],
    ]
    if (rates.every(([, rate]) => rate === 0)) return null
    const draw = this.random.next()
    let threshold = 0
    for (const [kind, rate] of rates) {
      threshold += rate
      if (draw < threshold) {
        const statuses = faults.serverErrorStatuses
        return { kind, status: statuses[Math.floor(this.random.next() * statuses.length)] }
      }
    }
    return null
  }
}
