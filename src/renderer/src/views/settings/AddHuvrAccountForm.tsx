import { useState } from 'react'
import {
  huvrAccountParamsSchema,
  type HuvrAccountParams,
} from '../../../../shared/rpc/huvr-contract'
import { TextField } from '../../components/TextField'
import { useRpc } from '../../rpc/hooks'
import { useSandboxPreset } from './sandbox-presets'
import {
  ACCOUNT_NAME_PROBLEM,
  AccountForm,
  AccountNameField,
  useAccountForm,
} from './useAccountForm'

type Verdict = { ok: boolean; message: string }

const EMPTY: HuvrAccountParams = { name: '', baseUrl: '', clientId: '', clientSecret: '' }

const FIELD_PROBLEMS: Record<keyof HuvrAccountParams, string> = {
  name: ACCOUNT_NAME_PROBLEM,
  baseUrl: 'Enter the workspace address, starting with https:// (or http://).',
  clientId: 'Enter the client id: the service account’s email.',
  clientSecret: 'Enter the client secret.',
}

/**
 * Adds a HUVR account. "Test connection" signs in without saving, so a typo is caught before
 * the account exists; the sandbox preset fills the form in one click when the simulator runs.
 */
export function AddHuvrAccountForm({ onAdded }: { onAdded: (name: string) => void }) {
  const rpc = useRpc()
  const sandbox = useSandboxPreset('huvr')
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [testing, setTesting] = useState(false)
  const form = useAccountForm({
    schema: huvrAccountParamsSchema,
    empty: EMPTY,
    fieldProblems: FIELD_PROBLEMS,
    // A verdict about other values would mislead.
    onEdit: () => setVerdict(null),
  })
  const busy = testing || form.saving

  const test = async () => {
    const params = form.checked()
    if (!params) return
    setTesting(true)
    setVerdict(null)
    const result = await rpc.call('connections.testHuvr', params)
    setTesting(false)
    setVerdict(result.ok ? result.value : { ok: false, message: result.error.message })
  }

  return (
    <AccountForm
      titleId="add-account-title"
      title="Add a HUVR account"
      sandboxLabel="Use the sandbox HUVR account"
      onUseSandbox={
        sandbox &&
        (() =>
          form.edit({
            name: 'Sandbox HUVR',
            baseUrl: sandbox.baseUrl,
            clientId: sandbox.credentials.client_id ?? '',
            clientSecret: sandbox.credentials.client_secret ?? '',
          }))
      }
      onSubmit={() =>
        void form.save(
          (params) => rpc.call('connections.addHuvr', params),
          (name) => {
            setVerdict(null)
            onAdded(name)
          },
        )
      }
      saving={form.saving}
      busy={busy}
      saveError={form.saveError}
      otherActions={
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void test()}
        >
          {testing ? 'Testing…' : 'Test connection'}
        </button>
      }
      outcome={verdict && <ConnectionVerdict verdict={verdict} />}
    >
      <AccountNameField {...form.field('name')} />
      <TextField
        label="Workspace URL"
        hint="e.g. https://yourcompany.huvrdata.app"
        type="url"
        {...form.field('baseUrl')}
      />
      <TextField
        label="Client id"
        hint="The service account’s email."
        type="email"
        {...form.field('clientId')}
      />
      <TextField label="Client secret" type="password" {...form.field('clientSecret')} />
    </AccountForm>
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
