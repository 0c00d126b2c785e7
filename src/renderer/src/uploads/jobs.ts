import type { UploadJobRow } from '../../../shared/rpc/upload-contract'
import type { UploadProgressEvent } from './useUploadList'

export type UploadState = UploadJobRow['state']

/** Waiting for its turn or being sent: what "uploading" means to the inspector. */
export function isActive(job: UploadJobRow): boolean {
  return job.state === 'queued' || job.state === 'running'
}

/** Queued again after a failure time may cure, with a time for the next attempt. */
export function isRetrying(job: UploadJobRow, now: number): boolean {
  return (
    job.state === 'queued' &&
    job.lastError !== null &&
    job.nextAttemptAt !== null &&
    job.nextAttemptAt > now
  )
}

export const STATE_LABELS: Record<UploadState, string> = {
  queued: 'Waiting',
  running: 'Uploading',
  paused: 'Paused',
  failed: 'Failed',
  done: 'Uploaded',
  cancelled: 'Cancelled',
}

const PHASES: Record<string, { step: number; label: string }> = {
  create: { step: 1, label: 'Creating its record in HUVR' },
  send: { step: 2, label: 'Sending the file' },
  confirm: { step: 3, label: 'HUVR is processing it' },
  complete: { step: 4, label: 'In HUVR' },
}
export const PHASE_COUNT = 3

/** Where a job is in create → send → confirm → complete, in words. */
export function phaseLabel(job: UploadJobRow): string {
  const phase = PHASES[job.phase]
  if (!phase) return job.phase
  if (phase.step > PHASE_COUNT) return phase.label
  return `Step ${phase.step} of ${PHASE_COUNT}: ${phase.label.charAt(0).toLowerCase()}${phase.label.slice(1)}`
}

/** Whether a job uploads to this HUVR project (the queue holds every target's jobs). */
export function isForProject(job: UploadJobRow, connectionId: string, projectId: number): boolean {
  return (
    job.target.kind === 'huvr.project' &&
    job.connectionId === connectionId &&
    job.target.id === String(projectId)
  )
}

export interface UploadSummary {
  /** Not cancelled. */
  files: number
  done: number
  failed: number
  paused: number
  active: number
  running: number
  bytesTotal: number
  bytesDone: number
  /** Bytes of the files still to send (queued or running). */
  bytesLeft: number
}

export function summarize(jobs: readonly UploadJobRow[]): UploadSummary {
  const summary: UploadSummary = {
    files: 0,
    done: 0,
    failed: 0,
    paused: 0,
    active: 0,
    running: 0,
    bytesTotal: 0,
    bytesDone: 0,
    bytesLeft: 0,
  }
  for (const job of jobs) {
    if (job.state === 'cancelled') continue
    summary.files += 1
    summary.bytesTotal += job.size
    if (job.state === 'done') {
      summary.done += 1
      summary.bytesDone += job.size
    } else if (job.state === 'failed') summary.failed += 1
    else if (job.state === 'paused') summary.paused += 1
    else {
      summary.active += 1
      summary.bytesLeft += job.size
      if (job.state === 'running') summary.running += 1
    }
  }
  return summary
}

/**
 * Bytes per second across the accounts that still have uploads going, from their latest progress
 * events; null when not known (nothing finished recently).
 */
export function currentRate(
  jobs: readonly UploadJobRow[],
  rates: ReadonlyMap<string, UploadProgressEvent>,
): number | null {
  const uploading = new Set(jobs.filter(isActive).map((job) => job.connectionId))
  let total = 0
  let known = false
  for (const [connectionId, event] of rates) {
    if (!uploading.has(connectionId) || event.bytesPerSecond <= 0) continue
    total += event.bytesPerSecond
    known = true
  }
  return known ? total : null
}

export interface JobGroup {
  key: string
  title: string
  jobs: UploadJobRow[]
}

/**
 * Failed uploads first (they wait for the inspector), then those still to go, paused, uploaded
 * and cancelled; newest first within each group, except that what is left goes in queue order.
 */
export function groupJobs(jobs: readonly UploadJobRow[]): JobGroup[] {
  const groups: JobGroup[] = [
    { key: 'failed', title: 'Failed — needs you', jobs: [] },
    { key: 'active', title: 'Uploading', jobs: [] },
    { key: 'paused', title: 'Paused', jobs: [] },
    { key: 'done', title: 'Uploaded', jobs: [] },
    { key: 'cancelled', title: 'Cancelled', jobs: [] },
  ]
  const byKey = new Map(groups.map((group) => [group.key, group]))
  for (const job of jobs) {
    const key = isActive(job) ? 'active' : job.state
    byKey.get(key)?.jobs.push(job)
  }
  for (const group of groups) {
    group.jobs.sort((a, b) =>
      group.key === 'active'
        ? Number(b.state === 'running') - Number(a.state === 'running') || a.id - b.id
        : b.id - a.id,
    )
  }
  return groups.filter((group) => group.jobs.length > 0)
}
