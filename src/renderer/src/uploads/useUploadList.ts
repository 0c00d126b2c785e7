import { useEffect, useRef, useState } from 'react'
import type { EventPayload, Result } from '../../../shared/rpc/contract'
import { useRpcEvent } from '../hooks/useRpcEvent'
import { useQuery, type Query } from '../rpc/hooks'

export type UploadList = Result<'uploads.list'>
export type UploadProgressEvent = EventPayload<'upload.progress'>

const POLL_MS = 1500
/** When nothing is going, now and then all the same: files may be queued from elsewhere (the CLI). */
const IDLE_POLL_MS = 10_000
/** Progress events come as each file finishes; a burst of them is one refresh. */
const EVENT_SETTLE_MS = 250

/**
 * The upload queue, kept current: refreshed on every `upload.progress` and, while `poll` says so
 * and the window is visible, asked again every 1.5 s (a missed event, a job between events).
 * `poll` may look at the latest list (e.g. "while this project has uploads going"); with
 * `pollWhenIdle` the list is also asked every 10 s while `poll` says no.
 * `rates` holds each account's latest progress event, for the transfer rate.
 */
export function useUploadList(
  poll: boolean | ((list: UploadList) => boolean),
  pollWhenIdle = false,
): Query<UploadList> & {
  reload: () => void
  rates: ReadonlyMap<string, UploadProgressEvent>
} {
  const list = useQuery('uploads.list', {})
  const { reload } = list
  const [rates, setRates] = useState<ReadonlyMap<string, UploadProgressEvent>>(new Map())
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null)

  useRpcEvent('upload.progress', (event) => {
    setRates((previous) => new Map(previous).set(event.connectionId, event))
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

  return { ...list, rates }
}
