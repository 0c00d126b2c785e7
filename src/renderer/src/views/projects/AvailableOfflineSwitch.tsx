import { useState } from 'react'
import type { ProjectRow } from '../../../../shared/rpc/huvr-contract'
import { ErrorNotice } from '../../components/Notice'
import { useRpcEvent } from '../../hooks/useRpcEvent'
import { useRpc } from '../../rpc/hooks'

type SyncState = 'idle' | 'running' | 'done'

/**
 * Marks a project for offline use. The switch only records the wish; the next sync of the
 * account downloads the project's media thumbnails and findings, so a "Sync now" is offered.
 */
export function AvailableOfflineSwitch(props: { project: ProjectRow; onChanged: () => void }) {
  const { project, onChanged } = props
  const rpc = useRpc()
  // What the switch shows from the click until the project row changes (the reload after the
  // save), so it never flips back for the moment between the two.
  const [shown, setShown] = useState<{ value: boolean; rowValue: boolean } | null>(null)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [syncError, setSyncError] = useState<string | null>(null)
  const [changedHere, setChangedHere] = useState(false)
  const [sync, setSync] = useState<SyncState>('idle')

  useRpcEvent('sync.finished', (result) => {
    if (result.connectionId === project.connectionId && sync === 'running') setSync('done')
  })

  const change = async (available: boolean) => {
    setShown({ value: available, rowValue: project.availableOffline })
    setSaving(true)
    setSaveError(null)
    const result = await rpc.call('projects.setAvailableOffline', {
      connectionId: project.connectionId,
      id: project.id,
      available,
    })
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
    const result = await rpc.call('sync.run', { connectionId: project.connectionId })
    if (!result.ok) {
      setSync('idle')
      setSyncError(result.error.message)
    }
  }

  const checked =
    shown !== null && shown.rowValue === project.availableOffline
      ? shown.value
      : project.availableOffline
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
      <p className="muted">
        {checked
          ? 'Each sync keeps this project’s media thumbnails, checklists, defects and measurements on this computer, so you can open them with no network.'
          : 'Turn on to have the next sync download this project’s media thumbnails, checklists, defects and measurements to this computer.'}
      </p>
      {changedHere && project.availableOffline && (
        <p className="offline-next-step" role="status">
          {sync === 'running' && 'Syncing… the media appear below when it is done.'}
          {sync === 'done' && 'Synced. The project is available offline.'}
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
