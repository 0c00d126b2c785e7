import { expect } from 'vitest'

/**
 * Tests read many JSON shapes; a loose type keeps the assertions readable, and a wrong shape fails
 * the assertion that reads it anyway.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any

/** A parsed answer: `body` is JSON when the server says JSON, else text; `text` is the raw body. */
export interface Answer<T = Loose> {
  status: number
  headers: Headers
  body: T
  text: string
}

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

/**
 * A tiny JSON client bound to one simulator and the headers that carry its credentials. A FormData
 * body goes as multipart (fetch writes the boundary), any other body as JSON; redirects are not
 * followed, so tests see them.
 */
export function jsonClient(baseUrl: string, credentialHeaders: Record<string, string>) {
  const call = async <T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> => {
    const url = path.startsWith('http') ? path : `${baseUrl}${path}`
    const isForm = body instanceof FormData
    const response = await fetch(url, {
      method,
      headers: {
        ...credentialHeaders,
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

export type ApiClient = ReturnType<typeof jsonClient>

/** Statuses of `count` GETs of `path`, one after the other; a dropped connection shows as 0. */
export async function statusesOf(client: ApiClient, path: string, count: number) {
  const seen: number[] = []
  for (let index = 0; index < count; index += 1) {
    seen.push(
      await client.get(path).then(
        (answer) => answer.status,
        () => 0,
      ),
    )
  }
  return seen
}

/**
 * Random faults must repeat with their seed: `run(seed)` gives the statuses a fresh simulator
 * answers under a 50 % server-error rate; seed 42 twice must match, and seed 7 must differ.
 */
export async function expectFaultsToFollowSeed(run: (seed: number) => Promise<number[]>) {
  const first = await run(42)
  expect(first.filter((status) => status === 200).length).toBeGreaterThan(0)
  expect(first.filter((status) => status >= 500).length).toBeGreaterThan(0)
  expect(await run(42)).toEqual(first)
  expect(await run(7)).not.toEqual(first)
}

/** `PATCH /_simulator/config`, as a process that only has the simulator's URL sends it. */
export function patchControlConfig(baseUrl: string, patch: unknown): Promise<Response> {
  return fetch(`${baseUrl}/_simulator/config`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  })
}
