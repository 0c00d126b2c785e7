import { useState } from 'react'
import type { SettingsPatch } from '../../../shared/settings'
import { useQuery, useRpc } from '../rpc/hooks'
import { AccountsSection } from './settings/AccountsSection'

/** Accounts, then preferences. */
export function SettingsView() {
  return (
    <section className="settings-view">
      <h1>Settings</h1>
      <AccountsSection />
      <PreferencesSection />
    </section>
  )
}

/** Preferences save as soon as they change; a refused value says why next to the form. */
function PreferencesSection() {
  const rpc = useRpc()
  const settings = useQuery('settings.get', {}, ['settings.changed'])
  const [error, setError] = useState<string | null>(null)

  if (settings.state === 'loading') return <p>Loading settings…</p>
  if (settings.state === 'error') return <p role="alert">{settings.error.message}</p>

  const save = async (patch: SettingsPatch) => {
    const result = await rpc.call('settings.update', patch)
    setError(result.ok ? null : result.error.message)
    settings.reload()
  }
  const value = settings.value

  return (
    <section className="settings-section" aria-labelledby="preferences-title">
      <h2 id="preferences-title">Preferences</h2>
      <form className="settings" onSubmit={(event) => event.preventDefault()}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={value.workOffline}
            onChange={(event) => void save({ workOffline: event.target.checked })}
          />
          Work offline (nothing is sent until you turn this off)
        </label>
        <label>
          Uploads at once per account
          <input
            type="number"
            min={1}
            max={8}
            value={value.uploadConcurrency}
            onChange={(event) => void save({ uploadConcurrency: event.target.valueAsNumber })}
          />
        </label>
        <label>
          Keep local copies of uploaded files (days)
          <input
            type="number"
            min={0}
            max={365}
            value={value.keepUploadedFilesDays}
            onChange={(event) => void save({ keepUploadedFilesDays: event.target.valueAsNumber })}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  )
}
