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

/** "12 KB", "3.4 MB": file sizes as people read them (powers of 1024, as file managers show). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—'
  if (bytes < 1024) return `${bytes.toLocaleString()} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toLocaleString(undefined, { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`
}

/** "4:59", "1:02:03": what is left of a wait, counting down. */
export function formatCountdown(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = String(totalSeconds % 60).padStart(2, '0')
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`
}

/** "14:05:09": a time later today, to the second (when a retry is due). */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
}

/** "about 40 s", "about 3 min", "about 1 h 20 min": a rough estimate, not a countdown. */
export function formatTimeLeft(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000))
  if (seconds < 60) return `about ${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `about ${minutes} min`
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min`
}
