import {
  type HuvrSimulatorOptions,
  type RunningHuvrSimulator,
  startHuvrSimulator,
} from '../../../src/sandbox/huvr'

/**
 * Tests read many JSON shapes; a loose type keeps the assertions readable, and a wrong shape fails
 * the assertion that reads it anyway.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any

/** A parsed answer: JSON when the server says JSON, else text. */
export interface Answer<T = unknown> {
  status: number
  headers: Headers
  body: T
}

export async function read<T = Loose>(response: Response): Promise<Answer<T>> {
  const text = await response.text()
  const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== ''
  return {
    status: response.status,
    headers: response.headers,
    body: (isJson ? JSON.parse(text) : text) as T,
  }
}

export async function obtainToken(sim: RunningHuvrSimulator): Promise<string> {
  const response = await fetch(`${sim.baseUrl}/api/auth/obtain-access-token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sim.credentials),
  })
  const answer = await read<{ access_token: string }>(response)
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status}`)
  return answer.body.access_token
}

/** A tiny JSON client bound to one simulator and token. */
export function apiClient(sim: RunningHuvrSimulator, token: string) {
  const call = async <T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> => {
    const url = path.startsWith('http') ? path : `${sim.baseUrl}${path}`
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Token ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    })
    return read<T>(response)
  }
  return {
    call,
    get: <T = Loose>(path: string) => call<T>('GET', path),
    post: <T = Loose>(path: string, body: unknown) => call<T>('POST', path, body),
    patch: <T = Loose>(path: string, body: unknown) => call<T>('PATCH', path, body),
    put: <T = Loose>(path: string, body: unknown) => call<T>('PUT', path, body),
    delete: <T = Loose>(path: string) => call<T>('DELETE', path),
  }
}

export type ApiClient = ReturnType<typeof apiClient>

/** Starts a simulator and signs in. */
export async function startSignedIn(options: HuvrSimulatorOptions = {}) {
  const sim = await startHuvrSimulator(options)
  const token = await obtainToken(sim)
  return { sim, token, api: apiClient(sim, token) }
}

/** Follows `next` links from a first page and returns every result. */
export async function crawl<T = Loose>(api: ApiClient, firstPage: string): Promise<T[]> {
  const all: T[] = []
  let next: string | null = firstPage
  while (next !== null) {
    const page: Answer<{ next: string | null; results: T[] }> = await api.get(next)
    if (page.status !== 200) throw new Error(`page failed: ${page.status}`)
    all.push(...page.body.results)
    next = page.body.next
  }
  return all
}
