import { expect, type Page } from '@playwright/test'
import type { Result } from '../../src/shared/rpc/contract'
import type { MethodName } from '../../src/shared/rpc/names'

// Steps several specs take the way a user takes them: adding the sandbox accounts and syncing.

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
