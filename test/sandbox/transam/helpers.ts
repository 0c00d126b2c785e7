import {
  type RunningTransamSimulator,
  startTransamSimulator,
  type TransamSimulatorOptions,
} from '../../../src/sandbox/transam'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any

export interface Answer<T = Loose> {
  status: number
  headers: Headers
  body: T
  text: string
}

/** A parsed answer: JSON when the server says JSON, else text. */
export async function read<T = Loose>(response: Response): Promise<Answer<T>> {
  const text = await response.text()
  const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== ''
  return {
    status: response.status,
    headers: response.headers,
    body: (isJson ? JSON.parse(text) : text) as T,
    text,
  }
}

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
) {
  const call = async <T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> => {
    const url = path.startsWith('http') ? path : `${sim.baseUrl}${path}`
    const isForm = body instanceof FormData
    const response = await fetch(url, {
      method,
      headers: {
        'x-user-email': email,
        'x-user-token': token,
        accept: 'application/json',
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      redirect: 'manual',
    })
    return read<T>(response)
  }
  return {
    call,
    get: <T = Loose>(path: string, headers?: Record<string, string>) =>
      call<T>('GET', path, undefined, headers),
    post: <T = Loose>(path: string, body: unknown) => call<T>('POST', path, body),
    patch: <T = Loose>(path: string, body: unknown) => call<T>('PATCH', path, body),
    put: <T = Loose>(path: string, body: unknown) => call<T>('PUT', path, body),
    delete: <T = Loose>(path: string) => call<T>('DELETE', path),
  }
}

export type ApiClient = ReturnType<typeof apiClient>

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
