import { useCallback, useRef } from 'react'
import type { RecordView } from '../../../shared/rpc/outbox-contract'
import type { RpcErrorBody } from '../../../shared/rpc/result'
import { useCoalesced } from '../hooks/useCoalesced'
import { useRpcEvent } from '../hooks/useRpcEvent'
import { useQuery, useRpc, type Query } from '../rpc/hooks'

type ChildKind = 'huvr.checklist' | 'huvr.defect' | 'huvr.measurement'

/** A push changes many records at once: at most one reload per 150 ms for a burst of changes. */
const RELOAD_AFTER_CHANGES_MS = 150

export interface ProjectRecords {
  query: Query<RecordView[]>
  /** Shows a record the core just answered with, before the list reloads. */
  show: (view: RecordView) => void
  /**
   * A key that stays the same when a record created here gets its server id, so the row (and
   * the input the inspector is typing in) is not rebuilt under them.
   */
  rowKey: (id: string) => string
  /** Stores changes locally; null when saved, else why they were refused. */
  update: (id: string, changes: RecordView['fields']) => Promise<RpcErrorBody | null>
}

/** A project's defects, readings or checklists with their sync states, kept current. */
export function useProjectRecords(
  connectionId: string,
  kind: ChildKind,
  projectId: number,
): ProjectRecords {
  const rpc = useRpc()
  const { reload, setValue, ...query } = useQuery('records.listByProject', {
    connectionId,
    kind,
    projectId: String(projectId),
  })
  /** Server id → the id the row was first shown with. */
  const firstIds = useRef(new Map<string, string>())

  const reloadSoon = useCoalesced(reload, RELOAD_AFTER_CHANGES_MS)

  // A sync brings the server's changes without a record.changed for each.
  useRpcEvent('sync.finished', (result) => {
    if (result.connectionId === connectionId) reloadSoon()
  })
  useRpcEvent('record.changed', (event) => {
    if (event.connectionId !== connectionId || event.kind !== kind) return
    if (event.newId !== undefined)
      firstIds.current.set(event.newId, firstIds.current.get(event.id) ?? event.id)
    reloadSoon()
  })

  const show = useCallback(
    (view: RecordView) =>
      setValue((previous) =>
        previous.some((item) => item.id === view.id)
          ? previous.map((item) => (item.id === view.id ? view : item))
          : [...previous, view],
      ),
    [setValue],
  )

  const rowKey = useCallback((id: string) => firstIds.current.get(id) ?? id, [])

  const update = useCallback(
    async (id: string, changes: RecordView['fields']) => {
      const result = await rpc.call('records.update', { connectionId, kind, id, changes })
      if (!result.ok) return result.error
      show(result.value)
      return null
    },
    [rpc, connectionId, kind, show],
  )

  return { query, show, rowKey, update }
}
