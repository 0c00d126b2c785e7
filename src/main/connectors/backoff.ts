export interface BackoffPolicy {
  /** First retry waits up to this long. */
  baseMs: number
  /** No wait is longer than this. */
  capMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 15_000 }

/**
 * "Full jitter" exponential backoff: a random wait between 0 and base·2^attempt (capped), so
 * many clients recovering at once do not hit the server in step.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt)
  return Math.round(random() * ceiling)
}

/** Seconds (or an HTTP date) from a Retry-After header, in milliseconds; null when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now: number): number | null {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined || value.trim() === '') return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}
