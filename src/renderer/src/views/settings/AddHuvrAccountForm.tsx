import { useState } from 'react'
import {
  huvrAccountParamsSchema,
  type HuvrAccountParams,
} from '../../../../shared/rpc/huvr-contract'
import { ErrorNotice } from '../../components/Notice'
import { TextField } from '../../components/TextField'
import { useQuery, useRpc } from '../../rpc/hooks'

type FieldName = keyof HuvrAccountParams
type Verdict = { ok: boolean; message: string }

const EMPTY: HuvrAccountParams = { name: '', baseUrl: '', clientId: '', clientSecret: '' }

/** Said next to a field the contract refuses; the schema's own wording is written for developers. */
const FIELD_PROBLEMS: Record<FieldName, string> = {
  name: 'Give the account a name (up to 100 characters).',
  baseUrl: 'Enter the workspace address, starting with https:// (or http://).',
  clientId: 'Enter the client id: the service account’s email.',
  clientSecret: 'Enter the client secret.',
}

function problemsOf(values: HuvrAccountParams): Partial<Record<FieldName, string>> {
  const parsed = huvrAccountParamsSchema.safeParse(values)
  if (parsed.success) return {}
  const problems: Partial<Record<FieldName, string>> = {}
  for (const issue of parsed.error.issues) {
    const name = issue.path[0]
    if (typeof name === 'string' && name in FIELD_PROBLEMS)
      problems[name as FieldName] = FIELD_PROBLEMS[name as FieldName]
  }
  return problems
}

/**
 * Adds a HUVR account. "Test connection" signs in without saving, so a typo is caught before
 * the account exists; the sandbox preset fills the form in one click when the simulator runs.
 */
export function AddHuvrAccountForm({ onAdded }: { onAdded: (name: string) => void }) {
  const rpc = useRpc()
  const presets = useQuery('connections.sandboxPresets', {})
  const sandbox =
    presets.state === 'ready' ? presets.value.find((preset) => preset.system === 'huvr') : undefined

  const [values, setValues] = useState<HuvrAccountParams>(EMPTY)
  const [problems, setProblems] = useState<Partial<Record<FieldName, string>>>({})
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null)
  const [saveError, setSaveError] = useState<string | null>(null)

  const edit = (changes: Partial<HuvrAccountParams>) => {
    setValues((previous) => ({ ...previous, ...changes }))
    // A verdict or refusal about other values would mislead.
    setVerdict(null)
    setSaveError(null)
    setProblems((previous) =>
      Object.fromEntries(Object.entries(previous).filter(([name]) => !(name in changes))),
    )
  }

  /** The params, or null (with the problems shown) when the form is not complete. */
  const checked = (): HuvrAccountParams | null => {
    const found = problemsOf(values)
    setProblems(found)
    return Object.keys(found).length === 0 ? values : null
  }

  const test = async () => {
    const params = checked()
    if (!params) return
    setBusy('testing')
    setVerdict(null)
    const result = await rpc.call('connections.testHuvr', params)
    setBusy(null)
    setVerdict(result.ok ? result.value : { ok: false, message: result.error.message })
  }

  const save = async () => {
    const params = checked()
    if (!params) return
    setBusy('saving')
    setSaveError(null)
    const result = await rpc.call('connections.addHuvr', params)
    setBusy(null)
    if (!result.ok) {
      setSaveError(result.error.message)
      return
    }
    setValues(EMPTY)
    setVerdict(null)
    onAdded(result.value.name)
  }

  return (
    <form
      className="panel account-form"
      aria-labelledby="add-account-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <div className="panel-title-row">
        <h3 id="add-account-title">Add a HUVR account</h3>
        {sandbox && (
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              edit({
                name: 'Sandbox HUVR',
                baseUrl: sandbox.baseUrl,
                clientId: sandbox.credentials.client_id ?? '',
                clientSecret: sandbox.credentials.client_secret ?? '',
              })
            }
          >
            Use the sandbox HUVR account
          </button>
        )}
      </div>
      <TextField
        label="Account name"
        hint="How the account is called in Fieldstation."
        value={values.name}
        problem={problems.name}
        onChange={(name) => edit({ name })}
      />
      <TextField
        label="Workspace URL"
        hint="e.g. https://yourcompany.huvrdata.app"
        type="url"
        value={values.baseUrl}
        problem={problems.baseUrl}
        onChange={(baseUrl) => edit({ baseUrl })}
      />
      <TextField
        label="Client id"
        hint="The service account’s email."
        type="email"
        value={values.clientId}
        problem={problems.clientId}
        onChange={(clientId) => edit({ clientId })}
      />
      <TextField
        label="Client secret"
        type="password"
        value={values.clientSecret}
        problem={problems.clientSecret}
        onChange={(clientSecret) => edit({ clientSecret })}
      />
      <div className="form-actions">
        <button
          type="button"
          className="button-secondary"
          disabled={busy !== null}
          onClick={() => void test()}
        >
          {busy === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" disabled={busy !== null}>
          {busy === 'saving' ? 'Saving…' : 'Save account'}
        </button>
      </div>
      {verdict && <ConnectionVerdict verdict={verdict} />}
      {saveError && <ErrorNotice title="The account was not saved." message={saveError} />}
    </form>
  )
}

function ConnectionVerdict({ verdict }: { verdict: Verdict }) {
  return verdict.ok ? (
    <p className="notice notice-success" role="status" data-testid="connection-verdict">
      <strong>Connection works.</strong> <span>{verdict.message}</span>
    </p>
  ) : (
    <div className="notice notice-error" role="alert" data-testid="connection-verdict">
      <strong>Connection failed.</strong> <span>{verdict.message}</span>
    </div>
  )
}
