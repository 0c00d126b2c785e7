import { useState } from 'react'
import type { RpcResult } from '../../../shared/rpc/result'
import { useRpcEvent } from '../hooks/useRpcEvent'
import { useRpc } from '../rpc/hooks'
import { ErrorNotice } from './Notice'

type SyncState = 'idle' | 'running' | 'done'

/** What the switch says about a record, on and off, and once the sync it asks for is done. */
export interface OfflineSwitchTexts {
  whenOn: string
  whenOff: string
  /** While the sync that downloads it runs, e.g. "the media appear below when it is done". */
  syncing: string
  synced: string
}

/**
 * Marks a record for offline use. The switch only records the wish; the next sync of the
 * account downloads what it needs, so a "Sync now" is offered right after turning it on.
 */
export function OfflineSwitch(props: {
  connectionId: string
  available: boolean
  save: (available: boolean) => Promise<RpcResult<unknown>>
  onChanged: () => void
  texts: OfflineSwitchTexts
}) {
  const { connectionId, available, save, onChanged, texts } = props
  const rpc = useRpc()
  // What the switch shows from the click until the record changes (the reload after the save),
  // so it never flips back for the moment between the two.
  const [shown, setShown] = useState<{ value: boolean; rowValue: boolean } | null>(null)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [syncError, setSyncError] = useState<string | null>(null)
  const [changedHere, setChangedHere] = useState(false)
  const [sync, setSync] = useState<SyncState>('idle')

  useRpcEvent('sync.finished', (result) => {
    if (result.connectionId === connectionId && sync === 'running') setSync('done')
  })

  const change = async (wanted: boolean) => {
    setShown({ value: wanted, rowValue: available })
    setSaving(true)
    setSaveError(null)
    const result = await save(wanted)
    setSaving(false)
    if (!result.ok) {
      setShown(null)
      setSaveError(result.error.message)
      return
    }
    setChangedHere(true)
    setSync('idle')
    onChanged()
  }

  const syncNow = async () => {
    setSync('running')
    setSyncError(null)
    const result = await rpc.call('sync.run', { connectionId })
    if (!result.ok) {
      setSync('idle')
      setSyncError(result.error.message)
    }
  }

  const checked = shown !== null && shown.rowValue === available ? shown.value : available
  return (
    <div className="offline-panel">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={saving}
          onChange={(event) => void change(event.target.checked)}
        />
        <span className="switch-track" aria-hidden="true" />
        <span className="switch-label">Available offline</span>
      </label>
      <p className="muted">{checked ? texts.whenOn : texts.whenOff}</p>
      {changedHere && available && (
        <p className="offline-next-step" role="status">
          {sync === 'running' && `Syncing… ${texts.syncing}`}
          {sync === 'done' && texts.synced}
          {sync === 'idle' && (
            <>
              The next sync downloads them.{' '}
              <button type="button" onClick={() => void syncNow()}>
                Sync now
              </button>
            </>
          )}
        </p>
      )}
      {saveError && <ErrorNotice title="The change was not saved." message={saveError} />}
      {syncError && <ErrorNotice title="The sync did not start." message={syncError} />}
    </div>
  )
}
