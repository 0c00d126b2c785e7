import {
  type HuvrSimulatorOptions,
  type RunningHuvrSimulator,
  startHuvrSimulator,
} from '../../../src/sandbox/huvr'
import { type Answer, type ApiClient, jsonClient, type Loose, read } from '../common/helpers'

export { type Answer, type ApiClient, type Loose, read }

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
export function apiClient(sim: RunningHuvrSimulator, token: string): ApiClient {
  return jsonClient(sim.baseUrl, { authorization: `Token ${token}` })
}

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
