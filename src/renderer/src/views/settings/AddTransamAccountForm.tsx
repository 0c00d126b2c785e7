import type { z } from 'zod'
import { transamAccountParamsSchema } from '../../../../shared/rpc/transam-contract'
import { TextField } from '../../components/TextField'
import { useRpc } from '../../rpc/hooks'
import type { SandboxPreset } from './sandbox-presets'
import {
  ACCOUNT_NAME_PROBLEM,
  AccountForm,
  AccountNameField,
  useAccountForm,
} from './useAccountForm'

type TransamAccountParams = z.infer<typeof transamAccountParamsSchema>

const EMPTY: TransamAccountParams = { name: '', baseUrl: '', email: '' }

const FIELD_PROBLEMS: Record<keyof TransamAccountParams, string> = {
  name: ACCOUNT_NAME_PROBLEM,
  baseUrl: 'Enter the TransAM address, starting with https:// (or http://).',
  email: 'Enter the email you sign in to TransAM with.',
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
  const form = useAccountForm({
    schema: transamAccountParamsSchema,
    empty: EMPTY,
    fieldProblems: FIELD_PROBLEMS,
  })
  const usingSandbox = sandbox !== undefined && form.values.baseUrl === sandbox.baseUrl

  return (
    <AccountForm
      titleId="add-transam-account-title"
      title="Add a TransAM account"
      sandboxLabel="Use the sandbox TransAM account"
      onUseSandbox={
        sandbox &&
        (() =>
          form.edit({
            name: 'Sandbox TransAM',
            baseUrl: sandbox.baseUrl,
            email: sandbox.credentials.email ?? '',
          }))
      }
      onSubmit={() =>
        void form.save((params) => rpc.call('connections.addTransam', params), onAdded)
      }
      saving={form.saving}
      saveError={form.saveError}
    >
      <AccountNameField {...form.field('name')} />
      <TextField
        label="TransAM URL"
        hint="e.g. https://transam.youragency.org"
        type="url"
        {...form.field('baseUrl')}
      />
      <TextField
        label="Email"
        hint="The email you sign in to TransAM with. You enter the password after saving."
        type="email"
        {...form.field('email')}
      />
      {usingSandbox && sandbox.credentials.password && (
        <p className="notice notice-info" data-testid="sandbox-password-hint">
          <span>
            Sandbox only: the password is <code>{sandbox.credentials.password}</code>. You are asked
            for it after saving.
          </span>
        </p>
      )}
    </AccountForm>
  )
}
