import {
  type RunningTransamSimulator,
  startTransamSimulator,
  type TransamSimulatorOptions,
} from '../../../src/sandbox/transam'
import { type Answer, type ApiClient, jsonClient, type Loose, read } from '../common/helpers'

export { type Answer, type ApiClient, type Loose, read }

export const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' }

export async function signIn(
  sim: RunningTransamSimulator,
  email = sim.credentials.email,
  password = sim.credentials.password,
): Promise<Answer> {
  const response = await fetch(`${sim.baseUrl}/api/v1/sign_in`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ email, password }),
  })
  return read(response)
}

export async function tokenFor(sim: RunningTransamSimulator): Promise<string> {
  const answer = await signIn(sim)
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status}`)
  return answer.body.data.session.authentication_token as string
}

/** A tiny JSON client bound to one simulator and one email/token pair. */
export function apiClient(
  sim: RunningTransamSimulator,
  token: string,
  email = sim.credentials.email,
): ApiClient {
  return jsonClient(sim.baseUrl, { 'x-user-email': email, 'x-user-token': token })
}

export async function startSignedIn(options: TransamSimulatorOptions = {}) {
  const sim = await startTransamSimulator(options)
  const token = await tokenFor(sim)
  return { sim, token, api: apiClient(sim, token) }
}

/** The object_key of a viewable asset that has documents. */
export function assetWithDocuments(sim: RunningTransamSimulator): string {
  const viewable = new Set(sim.state.sandboxUser.viewable_organization_ids)
  for (const asset of sim.state.assets.values()) {
    if (viewable.has(asset.organization_id) && sim.state.documentsOf(asset.id).length >= 2) {
      return asset.object_key
    }
  }
  throw new Error('no asset with documents')
}

/** A multipart body with a file part and text fields. */
export function documentForm(
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array; type?: string },
): FormData {
  const form = new FormData()
  if (file !== undefined) {
    form.append(
      'document',
      new Blob([file.bytes], { type: file.type ?? 'application/pdf' }),
      file.name,
    )
  }
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}
