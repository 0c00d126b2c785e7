import { useEffect, useMemo, useRef, useState } from 'react'
import type { EventPayload, Result } from '../../../shared/rpc/contract'
import type { UploadJobProgress } from '../../../shared/rpc/upload-contract'
import { useRpcEvent } from '../hooks/useRpcEvent'
import { useQuery, type Query } from '../rpc/hooks'

export type UploadList = Result<'uploads.list'>
export type UploadProgressEvent = EventPayload<'upload.progress'>

const POLL_MS = 1500
/** When nothing is going, now and then all the same: files may be queued from elsewhere (the CLI). */
const IDLE_POLL_MS = 10_000
/** Events that change what the list shows come in bursts (several files finishing): one refresh. */
const EVENT_SETTLE_MS = 250

/**
 * The upload queue, kept current: refreshed when an `upload.progress` says a file's step ended
 * (counts or the files being sent changed; the pushes in between only move bytes) and, while
 * `poll` says so and the window is visible, asked again every 1.5 s (a missed event, a job
 * between events). `poll` may look at the latest list (e.g. "while this project has uploads
 * going"); with `pollWhenIdle` the list is also asked every 10 s while `poll` says no.
 * `rates` holds each account's latest progress event, for the transfer rate and time left;
 * `live` each file being sent, as far as it got.
 */
export function useUploadList(
  poll: boolean | ((list: UploadList) => boolean),
  pollWhenIdle = false,
): Query<UploadList> & {
  reload: () => void
  rates: ReadonlyMap<string, UploadProgressEvent>
  live: ReadonlyMap<number, UploadJobProgress>
} {
  const list = useQuery('uploads.list', {})
  const { reload } = list
  const [rates, setRates] = useState<ReadonlyMap<string, UploadProgressEvent>>(new Map())
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)

  useRpcEvent('upload.progress', (event) => {
    const previous = rates.get(event.connectionId)
    setRates((latest) => new Map(latest).set(event.connectionId, event))
    if (previous !== undefined && !stepEnded(previous, event)) return
    if (pending.current !== null) return
    pending.current = setTimeout(() => {
      pending.current = null
      reload()
    }, EVENT_SETTLE_MS)
  })
  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current)
    },
    [],
  )

  const polling = typeof poll === 'function' ? list.state === 'ready' && poll(list.value) : poll
  const intervalMs = polling ? POLL_MS : pollWhenIdle ? IDLE_POLL_MS : null
  useEffect(() => {
    if (intervalMs === null) return
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload()
    }, intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs, reload])

  const live = useMemo(
    () => new Map([...rates.values()].flatMap((event) => event.jobs.map((job) => [job.id, job]))),
    [rates],
  )
  return { ...list, rates, live }
}

/** Whether a file finished a step between two pushes (the list shows states and steps). */
function stepEnded(previous: UploadProgressEvent, next: UploadProgressEvent): boolean {
  if (previous.done !== next.done || previous.total !== next.total) return true
  const before = new Set(previous.jobs.map((job) => job.id))
  return next.jobs.length !== before.size || next.jobs.some((job) => !before.has(job.id))
}
