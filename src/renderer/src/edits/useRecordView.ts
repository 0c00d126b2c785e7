import { useCallback, useRef, useState } from 'react'
import type { RecordKey, RecordView } from '../../../shared/rpc/outbox-contract'
import { useRpcEvent } from '../hooks/useRpcEvent'
import { useQuery, useRpc, type Query } from '../rpc/hooks'
import type { FieldSave } from './field-save'

function sameRecord(a: RecordKey, b: RecordKey): boolean {
  return a.connectionId === b.connectionId && a.kind === b.kind && a.id === b.id
}

/**
 * One record as the inspector sees it (server copy + local edits, sync state, history), kept
 * current: it reloads when the core says the record changed, and follows a record created here
 * to its server id. `save` stores changes locally at once and shows the answer without waiting
 * for the reload.
 */
export function useRecordView(initialKey: RecordKey): {
  query: Query<RecordView>
  recordKey: RecordKey
  save: FieldSave
} {
  const rpc = useRpc()
  const [recordKey, setRecordKey] = useState(initialKey)
  // A save started just before the record got its server id must address the new id.
  const latestKey = useRef(recordKey)
  const { connectionId, kind, id } = recordKey
  const { reload, setValue, ...query } = useQuery('records.get', { connectionId, kind, id })

  // A sync brings the server's changes without a record.changed for each.
  useRpcEvent('sync.finished', (result) => {
    if (result.connectionId === latestKey.current.connectionId) reload()
  })
  useRpcEvent('record.changed', (event) => {
    if (!sameRecord(event, latestKey.current)) return
    if (event.newId !== undefined) {
      latestKey.current = { ...latestKey.current, id: event.newId }
      setRecordKey(latestKey.current)
    } else reload()
  })

  const save: FieldSave = useCallback(
    async (changes) => {
      const result = await rpc.call('records.update', { ...latestKey.current, changes })
      if (result.ok) setValue(result.value)
      return result.ok ? null : result.error
    },
    [rpc, setValue],
  )

  return { query, recordKey, save }
}
