import { expect, type APIRequestContext, type Page } from '@playwright/test'
import type { Result } from '../../src/shared/rpc/contract'
import type { MethodName } from '../../src/shared/rpc/names'

// Steps several specs take the way a user takes them: adding the sandbox accounts and syncing;
// and the sandbox HUVR server spoken to directly, to set it up and to check what reached it.

/** Calls the app's core the way the renderer does in browser mode (same origin, token cookie). */
export async function callCore<M extends MethodName>(
  page: Page,
  method: M,
  params: object = {},
): Promise<Result<M>> {
  const answer = await page.evaluate(
    async ([name, body]) => {
      const response = await fetch('/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ method: name, params: body }),
      })
      return (await response.json()) as { ok: boolean; value?: unknown; error?: unknown }
    },
    [method, params] as const,
  )
  if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`)
  return answer.value as Result<M>
}

/** Runs a sync of one account from the Sync view and waits for the result of that run. */
export async function syncFromSyncView(page: Page, account = 'Sandbox HUVR'): Promise<void> {
  await page.getByRole('link', { name: 'Sync', exact: true }).click()
  const card = page.getByRole('region', { name: account })
  const result = card.getByTestId('sync-result')
  const previousRun =
    (await result.count()) > 0 ? await result.getAttribute('data-finished-at') : null
  await card.getByRole('button', { name: 'Sync now' }).click()
  await expect(result).not.toHaveAttribute('data-finished-at', previousRun ?? 'none', {
    timeout: 90_000,
  })
  await expect(result).toContainText('Last sync succeeded')
}

/** Adds the sandbox HUVR account in Settings; answers its URL and credentials. */
export async function addSandboxHuvrAccount(
  page: Page,
): Promise<{ baseUrl: string; credentials: Record<string, string> }> {
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await page.getByRole('button', { name: 'Use the sandbox HUVR account' }).click()
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('Sandbox HUVR')
  const [preset] = (await callCore(page, 'connections.sandboxPresets')).filter(
    (each) => each.system === 'huvr',
  )
  expect(preset).toBeDefined()
  return preset!
}

/**
 * Adds the sandbox TransAM account, signs in with the password the form shows for the sandbox,
 * and syncs it; answers the TransAM URL.
 */
export async function addSandboxTransamAccount(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await page.getByRole('radio', { name: 'TransAM account' }).check()
  await page.getByRole('button', { name: 'Use the sandbox TransAM account' }).click()
  const transamUrl = await page.getByLabel('TransAM URL').inputValue()
  await page.getByRole('button', { name: 'Save account' }).click()
  const account = page
    .getByRole('list', { name: 'Accounts' })
    .getByRole('listitem', { name: 'Sandbox TransAM' })
  const sandboxPassword = (await account.getByText(/^Sandbox password: /).innerText())
    .replace('Sandbox password: ', '')
    .trim()
  await account.getByLabel('Password').fill(sandboxPassword)
  await account.getByRole('button', { name: 'Sign in', exact: true }).click()
  await expect(account.getByTestId('transam-session')).toContainText('Signed in')
  await syncFromSyncView(page, 'Sandbox TransAM')
  return transamUrl
}

export interface HuvrListPage<T> {
  count: number
  results: T[]
}
/** A reference to another HUVR record: an id, or the record (or part of it) inline. */
export type Ref = { id: number } | number | null

export const refId = (ref: Ref): number | null =>
  typeof ref === 'number' ? ref : (ref?.id ?? null)

/** The sandbox HUVR server, spoken to directly: as another inspector (or the office) would. */
export async function huvrApi(request: APIRequestContext, baseUrl: string, credentials: object) {
  const signIn = await request.post(`${baseUrl}/api/auth/obtain-access-token/`, {
    data: credentials,
  })
  expect(signIn.ok()).toBe(true)
  const { access_token: token, token_type: type } = (await signIn.json()) as {
    access_token: string
    token_type: string
  }
  const headers = { authorization: `${type} ${token}` }
  return {
    async get<T>(path: string): Promise<T> {
      const response = await request.get(`${baseUrl}${path}`, { headers })
      expect(response.ok(), `GET ${path}`).toBe(true)
      return (await response.json()) as T
    },
    async post(path: string, data: object): Promise<void> {
      const response = await request.post(`${baseUrl}${path}`, { headers, data })
      expect(response.ok(), `POST ${path}: ${await response.text()}`).toBe(true)
    },
    async patch(path: string, data: object): Promise<void> {
      const response = await request.patch(`${baseUrl}${path}`, { headers, data })
      expect(response.ok(), `PATCH ${path}: ${await response.text()}`).toBe(true)
    },
  }
}
export type HuvrApi = Awaited<ReturnType<typeof huvrApi>>

/** Drops every HUVR API request (the server is "unreachable"), or stops doing so. */
export async function setHuvrReachable(
  page: Page,
  huvrUrl: string,
  reachable: boolean,
): Promise<void> {
  const response = await page.request.patch(`${huvrUrl}/_simulator/config`, {
    data: { faults: { resetBeforeRate: reachable ? 0 : 1 } },
  })
  expect(response.ok()).toBe(true)
}

/** Opens the app with the sandbox HUVR account added and synced; answers HUVR's URL and API. */
export async function startWithSandboxHuvr(page: Page, appUrl: string) {
  await page.setViewportSize({ width: 1366, height: 900 })
  await page.goto(appUrl)
  const preset = await addSandboxHuvrAccount(page)
  const api = await huvrApi(page.request, preset.baseUrl, preset.credentials)
  await syncFromSyncView(page)
  return { huvrUrl: preset.baseUrl, api }
}
