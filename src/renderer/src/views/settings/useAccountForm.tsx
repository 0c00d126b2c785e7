import { useState, type ReactNode } from 'react'
import type { z } from 'zod'
import type { RpcResult } from '../../../../shared/rpc/result'
import { ErrorNotice } from '../../components/Notice'
import { TextField } from '../../components/TextField'

/** Every system's account has a name; the contracts hold it to the same rule. */
export const ACCOUNT_NAME_PROBLEM = 'Give the account a name (up to 100 characters).'

type Problems<Params> = Partial<Record<keyof Params, string>>

/**
 * The state of a form that adds an account: its values, checked against the contract's schema
 * before anything is sent, and the saving of them.
 */
export function useAccountForm<Params extends Record<string, string>>(options: {
  schema: z.ZodType<Params>
  empty: Params
  /** Said next to a field the contract refuses; the schema's own wording is written for developers. */
  fieldProblems: Record<keyof Params, string>
  /** Called on every edit, for anything else the form says about the values it had. */
  onEdit?: () => void
}) {
  const { schema, empty, fieldProblems, onEdit } = options
  const [values, setValues] = useState<Params>(empty)
  const [problems, setProblems] = useState<Problems<Params>>({})
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)

  const edit = (changes: Partial<Params>) => {
    setValues((previous) => ({ ...previous, ...changes }))
    // A refusal about other values would mislead.
    setSaveError(null)
    onEdit?.()
    setProblems(
      (previous) =>
        Object.fromEntries(
          Object.entries(previous).filter(([name]) => !(name in changes)),
        ) as Problems<Params>,
    )
  }

  /** The params, or null (with the problems shown) when the form is not complete. */
  const checked = (): Params | null => {
    const found = problemsOf(schema, values, fieldProblems)
    setProblems(found)
    return Object.keys(found).length === 0 ? values : null
  }

  /** Saves the checked values with `add`; on success empties the form and reports the name. */
  const save = async (
    add: (params: Params) => Promise<RpcResult<{ name: string }>>,
    onSaved: (name: string) => void,
  ) => {
    const params = checked()
    if (!params) return
    setSaving(true)
    setSaveError(null)
    const result = await add(params)
    setSaving(false)
    if (!result.ok) {
      setSaveError(result.error.message)
      return
    }
    setValues(empty)
    onSaved(result.value.name)
  }

  /** What a TextField needs to show and edit one of the values. */
  const field = <Name extends keyof Params & string>(name: Name) => ({
    value: values[name],
    problem: problems[name],
    onChange: (value: string) => edit({ [name]: value } as Partial<Params>),
  })

  return { values, edit, checked, save, saving, saveError, field }
}

function problemsOf<Params extends Record<string, string>>(
  schema: z.ZodType<Params>,
  values: Params,
  fieldProblems: Record<keyof Params, string>,
): Problems<Params> {
  const parsed = schema.safeParse(values)
  if (parsed.success) return {}
  const problems: Problems<Params> = {}
  for (const issue of parsed.error.issues) {
    const name = issue.path[0]
    if (typeof name === 'string' && name in fieldProblems)
      problems[name as keyof Params] = fieldProblems[name as keyof Params]
  }
  return problems
}

/** The frame of a form that adds an account: title, sandbox preset, save button and save error. */
export function AccountForm(props: {
  titleId: string
  title: string
  /** Fills the form with the sandbox simulator's account; undefined when the sandbox is not running. */
  onUseSandbox: (() => void) | undefined
  sandboxLabel: string
  onSubmit: () => void
  saving: boolean
  /** Another action of the form is running, so saving has to wait. */
  busy?: boolean
  saveError: string | null
  /** Buttons before "Save account". */
  otherActions?: ReactNode
  /** Shown under the buttons, above a save error: what another action found. */
  outcome?: ReactNode
  children: ReactNode
}) {
  return (
    <form
      className="panel account-form"
      aria-labelledby={props.titleId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        props.onSubmit()
      }}
    >
      <div className="panel-title-row">
        <h3 id={props.titleId}>{props.title}</h3>
        {props.onUseSandbox && (
          <button type="button" className="button-secondary" onClick={props.onUseSandbox}>
            {props.sandboxLabel}
          </button>
        )}
      </div>
      {props.children}
      <div className="form-actions">
        {props.otherActions}
        <button type="submit" disabled={props.saving || props.busy === true}>
          {props.saving ? 'Saving…' : 'Save account'}
        </button>
      </div>
      {props.outcome}
      {props.saveError && (
        <ErrorNotice title="The account was not saved." message={props.saveError} />
      )}
    </form>
  )
}

/** The account name field, the same for every system. */
export function AccountNameField(props: {
  value: string
  problem: string | undefined
  onChange: (name: string) => void
}) {
  return (
    <TextField label="Account name" hint="How the account is called in Fieldstation." {...props} />
  )
}
