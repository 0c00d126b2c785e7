import { useState } from 'react'
import type { z } from 'zod'
import { transamAccountParamsSchema } from '../../../../shared/rpc/transam-contract'
import { ErrorNotice } from '../../components/Notice'
import { TextField } from '../../components/TextField'
import { useRpc } from '../../rpc/hooks'
import type { SandboxPreset } from './sandbox-presets'

type TransamAccountParams = z.infer<typeof transamAccountParamsSchema>
type FieldName = keyof TransamAccountParams

const EMPTY: TransamAccountParams = { name: '', baseUrl: '', email: '' }

const FIELD_PROBLEMS: Record<FieldName, string> = {
  name: 'Give the account a name (up to 100 characters).',
  baseUrl: 'Enter the TransAM address, starting with https:// (or http://).',
  email: 'Enter the email you sign in to TransAM with.',
}

function problemsOf(values: TransamAccountParams): Partial<Record<FieldName, string>> {
  const parsed = transamAccountParamsSchema.safeParse(values)
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
 * Adds a TransAM account. There is no "test" here on purpose: testing would mean a sign-in, and
 * wrong passwords count towards TransAM's lockout. The account is saved first and then signed
 * in, once, from its entry in the list.
 */
export function AddTransamAccountForm(props: {
  sandbox: SandboxPreset | undefined
  onAdded: (name: string) => void
}) {
  const { sandbox, onAdded } = props
  const rpc = useRpc()
  const [values, setValues] = useState<TransamAccountParams>(EMPTY)
  const [problems, setProblems] = useState<Partial<Record<FieldName, string>>>({})
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const usingSandbox = sandbox !== undefined && values.baseUrl === sandbox.baseUrl

  const edit = (changes: Partial<TransamAccountParams>) => {
    setValues((previous) => ({ ...previous, ...changes }))
    setSaveError(null)
    setProblems((previous) =>
      Object.fromEntries(Object.entries(previous).filter(([name]) => !(name in changes))),
    )
  }

  const save = async () => {
    const found = problemsOf(values)
    setProblems(found)
    if (Object.keys(found).length > 0) return
    setSaving(true)
    setSaveError(null)
    const result = await rpc.call('connections.addTransam', values)
    setSaving(false)
    if (!result.ok) {
      setSaveError(result.error.message)
      return
    }
    setValues(EMPTY)
    onAdded(result.value.name)
  }

  return (
    <form
      className="panel account-form"
      aria-labelledby="add-transam-account-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <div className="panel-title-row">
        <h3 id="add-transam-account-title">Add a TransAM account</h3>
        {sandbox && (
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              edit({
                name: 'Sandbox TransAM',
                baseUrl: sandbox.baseUrl,
                email: sandbox.credentials.email ?? '',
              })
            }
          >
            Use the sandbox TransAM account
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
        label="TransAM URL"
        hint="e.g. https://transam.youragency.org"
        type="url"
        value={values.baseUrl}
        problem={problems.baseUrl}
        onChange={(baseUrl) => edit({ baseUrl })}
      />
      <TextField
        label="Email"
        hint="The email you sign in to TransAM with. You enter the password after saving."
        type="email"
        value={values.email}
        problem={problems.email}
        onChange={(email) => edit({ email })}
      />
      {usingSandbox && sandbox.credentials.password && (
        <p className="notice notice-info" data-testid="sandbox-password-hint">
          <span>
            Sandbox only: the password is <code>{sandbox.credentials.password}</code>. You are asked
            for it after saving.
          </span>
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save account'}
        </button>
      </div>
      {saveError && <ErrorNotice title="The account was not saved." message={saveError} />}
    </form>
  )
}
