import type { SystemName } from '../../../shared/rpc/contract'
import type {
  UploadJobProgress,
  UploadJobRow,
  UploadTarget,
} from '../../../shared/rpc/upload-contract'
import { SYSTEM_LABELS } from '../systems'
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

type TargetKind = UploadTarget['kind']

const SYSTEM_OF_TARGET: Record<TargetKind, SystemName> = {
  'huvr.project': 'huvr',
  'transam.asset': 'transam',
}

/** A job row's target kind is a plain string: one this app knows, or null. */
function knownTargetKind(kind: string): TargetKind | null {
  return Object.hasOwn(SYSTEM_OF_TARGET, kind) ? (kind as TargetKind) : null
}

/** The name of the system a target kind ("huvr.project") is in: "HUVR". */
export function uploadSystemLabel(targetKind: string): string {
  const kind = knownTargetKind(targetKind)
  return kind === null ? targetKind : SYSTEM_LABELS[SYSTEM_OF_TARGET[kind]]
}

interface Phase {
  /** Steps done once a job has reached this phase. */
  stepsDone: number
  /** What the job does in it. */
  label: string
}

/**
 * The steps of an upload to each kind of target, by the phase the core records ('complete' is
 * after the last). A HUVR file gets its media record, its bytes go to storage, then HUVR processes
 * it. A TransAM document is one POST: 'create' is before it (after a failed try, looking for
 * the document that try may have made), 'send' while it goes out.
 */
const STEPS: Record<TargetKind, { count: number; phases: Record<string, Phase> }> = {
  'huvr.project': {
    count: 3,
    phases: {
      create: { stepsDone: 0, label: 'Creating its record in HUVR' },
      send: { stepsDone: 1, label: 'Sending the file' },
      confirm: { stepsDone: 2, label: 'HUVR is processing it' },
    },
  },
  'transam.asset': {
    count: 1,
    phases: {
      create: { stepsDone: 0, label: 'Getting ready to send it to TransAM' },
      send: { stepsDone: 0, label: 'Sending the file to TransAM' },
    },
  },
}

/** How many of its target's steps a job has done, of how many (none for an unknown target). */
export function stepsOf(job: UploadJobRow): { done: number; count: number } {
  const kind = knownTargetKind(job.target.kind)
  if (kind === null) return { done: 0, count: 0 }
  const { count, phases } = STEPS[kind]
  const done =
    job.state === 'done' || job.phase === 'complete' ? count : phases[job.phase]?.stepsDone
  return { done: done ?? 0, count }
}

/** Where a job is in its target's steps, in words ("Step 2 of 3: sending the file", "In HUVR"). */
export function phaseLabel(job: UploadJobRow): string {
  if (job.phase === 'complete') return `In ${uploadSystemLabel(job.target.kind)}`
  const kind = knownTargetKind(job.target.kind)
  const steps = kind === null ? null : STEPS[kind]
  const phase = steps?.phases[job.phase]
  if (!steps || !phase) return job.phase
  // A single step needs no number.
  if (steps.count === 1) return phase.label
  return `Step ${phase.stepsDone + 1} of ${steps.count}: ${phase.label.charAt(0).toLowerCase()}${phase.label.slice(1)}`
}

/** Whether a job uploads to this target (the queue holds every target's jobs). */
export function isForTarget(job: UploadJobRow, target: UploadTarget): boolean {
  return (
    job.target.kind === target.kind &&
    job.connectionId === target.connectionId &&
    job.target.id === target.id
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
  /** Uploaded files whole, the others as far as they got. */
  bytesDone: number
  /** Bytes still to send of the files queued or running. */
  bytesLeft: number
}

/** How much of a file is in: live while it is being sent, else what its row says. */
export function bytesIn(
  job: UploadJobRow,
  live: ReadonlyMap<number, UploadJobProgress> = new Map(),
): number {
  if (job.state === 'done') return job.size
  return Math.min(job.size, live.get(job.id)?.bytes ?? job.bytesConfirmed)
}

export function summarize(
  jobs: readonly UploadJobRow[],
  live: ReadonlyMap<number, UploadJobProgress> = new Map(),
): UploadSummary {
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
    const bytes = bytesIn(job, live)
    summary.files += 1
    summary.bytesTotal += job.size
    summary.bytesDone += bytes
    if (job.state === 'done') summary.done += 1
    else if (job.state === 'failed') summary.failed += 1
    else if (job.state === 'paused') summary.paused += 1
    else {
      summary.active += 1
      summary.bytesLeft += job.size - bytes
      if (job.state === 'running') summary.running += 1
    }
  }
  return summary
}

/**
 * Bytes per second across the accounts that still have uploads going, from their latest progress
 * events; null when not known (nothing moved in the last few seconds, or too briefly to tell).
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
