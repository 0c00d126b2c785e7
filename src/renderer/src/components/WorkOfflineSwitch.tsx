import { useState } from 'react'
import { useQuery, useRpc } from '../rpc/hooks'

/**
 * The "work offline" setting where it is needed: with it on nothing is sent or fetched, and
 * edits wait in the outbox until it is turned off.
 */
export function WorkOfflineSwitch() {
  const rpc = useRpc()
  const settings = useQuery('settings.get', {}, ['settings.changed'])
  const [error, setError] = useState<string | null>(null)
  // The position just asked for, shown until the setting changes (not back for a moment).
  const [asked, setAsked] = useState<{ workOffline: boolean; whileSettingWas: boolean } | null>(
    null,
  )
  if (settings.state !== 'ready') return null
  const setting = settings.value.workOffline
  const checked = asked !== null && asked.whileSettingWas === setting ? asked.workOffline : setting

  const change = async (workOffline: boolean) => {
    setAsked({ workOffline, whileSettingWas: setting })
    const result = await rpc.call('settings.update', { workOffline })
    setError(result.ok ? null : result.error.message)
    if (!result.ok) setAsked(null)
    settings.reload()
  }

  return (
    <label
      className="switch switch-small status-offline-switch"
      title="Nothing is sent to or fetched from any server while this is on"
    >
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        onChange={(event) => void change(event.target.checked)}
      />
      <span className="switch-track" aria-hidden="true" />
      <span className="switch-label">Work offline</span>
      {error && (
        <span className="status-failed" role="alert">
          {error}
        </span>
      )}
    </label>
  )
}
