/** How dates, counts and server enums read on screen, in one place so every view agrees. */

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

export function formatCount(value: number): string {
  return value.toLocaleString()
}

/** "1 asset", "2,000 assets". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`
}

/**
 * A server date or timestamp for people. Plain dates stay calendar dates (no time-zone shift);
 * anything unparseable is shown as sent rather than hidden.
 */
export function formatServerDate(value: string | null | undefined): string {
  if (!value) return '—'
  if (DATE_ONLY.test(value)) {
    const [year, month, day] = value.split('-').map(Number)
    return new Date(year ?? 0, (month ?? 1) - 1, day ?? 1).toLocaleDateString()
  }
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? value : new Date(parsed).toLocaleString()
}

/** Only the calendar day of a server timestamp, where space is short. */
export function formatServerDay(value: string | null | undefined): string {
  if (!value) return '—'
  if (DATE_ONLY.test(value)) return formatServerDate(value)
  const parsed = Date.parse(value)
  return Number.isNaN(parsed) ? value : new Date(parsed).toLocaleDateString()
}

export function looksLikeServerDate(value: string): boolean {
  return DATE_ONLY.test(value) || ISO_TIMESTAMP.test(value)
}

export function formatTime(epochMs: number | null): string {
  return epochMs === null ? 'never' : new Date(epochMs).toLocaleString()
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)} s`
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
}

/** `READY_FOR_REVIEW` → "Ready for review"; `asset_path` → "Asset path". */
export function humanize(value: string): string {
  const words = value.replaceAll(/[_-]+/g, ' ').trim().toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** A CSS-safe suffix for badge colours, e.g. `IN_PROGRESS` → `in-progress`. */
export function toneOf(value: string | null | undefined): string {
  return (value ?? 'none').toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')
}

/** A cached kind such as `huvr.assets` reads as "Assets": the account already says which system. */
export function kindLabel(kind: string): string {
  return humanize(kind.replace(/^[a-z]+\./, ''))
}
