import type { UploadJob } from './jobs'

/**
 * What a step of a job does: move the file's bytes (an upload proper, counted against the
 * concurrency setting), or make one of the small API requests around them (HUVR's create and
 * confirm), which must not hold an upload's place: on a busy link they queue behind bytes, and
 * each would leave an upload slot idle for its round trip.
 */
export type Lane = 'bytes' | 'requests'

/** API requests at once per account, beside its uploads. */
export const REQUEST_LANE_LIMIT = 2

/** The order in which waiting steps get a place: uploads first, then the creates feeding them. */
const PHASE_PRIORITY: Record<UploadJob['phase'], number> = {
  send: 0,
  create: 1,
  confirm: 2,
  complete: 3,
}

export type RunnableJob = Pick<UploadJob, 'id' | 'connection_id' | 'target_kind' | 'phase'>

/** A step under way. */
export interface RunningStep {
  connectionId: string
  lane: Lane
  /** A HUVR create: its record will wait for a slot to send its bytes. */
  creating: boolean
}

/** A HUVR upload whose record exists and whose bytes wait for a slot. */
function hasRecordWaiting(job: RunnableJob): boolean {
  return job.phase === 'send' && job.target_kind === 'huvr.project'
}

export function laneOf(job: Pick<UploadJob, 'target_kind' | 'phase'>): Lane {
  // A TransAM document is created by the POST that carries its bytes.
  if (job.target_kind === 'transam.asset') return 'bytes'
  return job.phase === 'send' ? 'bytes' : 'requests'
}

/**
 * Per account, the files that still need their bytes sent: running uploads and creates plus
 * waiting sends and creates. More than the account's limit means uploads wait for a slot, and
 * only then does throughput say anything about the number at once.
 */
export function filesWantingBytes(
  waiting: readonly RunnableJob[],
  running: Iterable<RunningStep>,
): Map<string, number> {
  const wanting = new Map<string, number>()
  const add = (connectionId: string) =>
    wanting.set(connectionId, (wanting.get(connectionId) ?? 0) + 1)
  for (const step of running) if (step.lane === 'bytes' || step.creating) add(step.connectionId)
  for (const job of waiting)
    if (job.phase === 'send' || job.phase === 'create') add(job.connection_id)
  return wanting
}

/**
 * The waiting steps to start now, in order: sends while the account has upload slots free
 * (`bytesLimit`), then creates and confirms while its request lane has room. Records are created
 * ahead of free slots, but no more than one per slot (created ones waiting to send, and creates
 * under way, count): more would only leave empty records on the server.
 */
export function stepsToStart(
  waiting: readonly RunnableJob[],
  running: Iterable<RunningStep>,
  bytesLimit: (connectionId: string) => number,
): { job: RunnableJob; step: RunningStep }[] {
  const busy = new Map<string, { bytes: number; requests: number; createdAhead: number }>()
  const busyOf = (connectionId: string) => {
    let counts = busy.get(connectionId)
    if (counts === undefined) {
      counts = { bytes: 0, requests: 0, createdAhead: 0 }
      busy.set(connectionId, counts)
    }
    return counts
  }
  for (const step of running) {
    const counts = busyOf(step.connectionId)
    counts[step.lane]++
    if (step.creating) counts.createdAhead++
  }
  for (const job of waiting) {
    if (hasRecordWaiting(job)) busyOf(job.connection_id).createdAhead++
  }
  const ordered = [...waiting].sort(
    (a, b) => PHASE_PRIORITY[a.phase] - PHASE_PRIORITY[b.phase] || a.id - b.id,
  )
  const starts: { job: RunnableJob; step: RunningStep }[] = []
  for (const job of ordered) {
    const connectionId = job.connection_id
    const lane = laneOf(job)
    const counts = busyOf(connectionId)
    const limit = bytesLimit(connectionId)
    if (lane === 'bytes' ? counts.bytes >= limit : counts.requests >= REQUEST_LANE_LIMIT) continue
    const creating = lane === 'requests' && job.phase === 'create'
    if (creating) {
      if (counts.createdAhead >= limit) continue
      counts.createdAhead++
    } else if (hasRecordWaiting(job)) {
      // Its record no longer waits.
      counts.createdAhead--
    }
    counts[lane]++
    starts.push({ job, step: { connectionId, lane, creating } })
  }
  return starts
}
