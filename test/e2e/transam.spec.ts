import { createHash } from 'node:crypto'
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures'

const SHOTS = 'reports/screenshots'

interface RequestLogEntry {
  method: string
  path: string
  status: number | null
}

/** What the TransAM simulator has been asked, from its own log (never faulted or logged itself). */
async function transamRequests(
  request: APIRequestContext,
  transamUrl: string,
): Promise<RequestLogEntry[]> {
  const response = await request.get(`${transamUrl}/_simulator/requests`)
  expect(response.ok()).toBe(true)
  return (await response.json()) as RequestLogEntry[]
}

async function signInAttempts(request: APIRequestContext, transamUrl: string): Promise<number> {
  const log = await transamRequests(request, transamUrl)
  return log.filter((entry) => entry.method === 'POST' && entry.path.startsWith('/api/v1/sign_in'))
    .length
}

/** Runs "Sync all" and waits until both accounts show a result of that run. */
async function syncAll(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Sync', exact: true }).click()
  await page.getByRole('button', { name: 'Sync all' }).click()
  for (const name of ['Sandbox HUVR', 'Sandbox TransAM']) {
    const result = page.getByRole('region', { name }).getByTestId('sync-result')
    await expect(result).toContainText('Last sync succeeded', { timeout: 90_000 })
  }
}

test('TransAM: sign in without retries, sync, open a document, confirm a link to HUVR', async ({
  page,
  host,
  request,
}) => {
  test.setTimeout(240_000)
  await page.goto(host.url)

  // The sandbox HUVR account, as a user adds it.
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await page.getByRole('button', { name: 'Use the sandbox HUVR account' }).click()
  await page.getByRole('button', { name: 'Save account' }).click()
  const accounts = page.getByRole('list', { name: 'Accounts' })
  await expect(accounts).toContainText('Sandbox HUVR')

  // The sandbox TransAM account: URL and email from the preset, no password until signing in.
  await page.getByRole('radio', { name: 'TransAM account' }).check()
  await page.getByRole('button', { name: 'Use the sandbox TransAM account' }).click()
  await expect(page.getByLabel('Account name')).toHaveValue('Sandbox TransAM')
  const transamUrl = await page.getByLabel('TransAM URL').inputValue()
  expect(transamUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  await expect(page.getByLabel('Email')).toHaveValue(/@/)
  await expect(page.getByTestId('sandbox-password-hint')).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/transam-add-account.png` })
  await page.getByRole('button', { name: 'Save account' }).click()

  const account = accounts.getByRole('listitem', { name: 'Sandbox TransAM' })
  await expect(account).toContainText('Sign in needed')
  const password = account.getByLabel('Password')
  const signIn = account.getByRole('button', { name: 'Sign in', exact: true })
  const sandboxPassword = (await account.getByText(/^Sandbox password: /).innerText())
    .replace('Sandbox password: ', '')
    .trim()
  const attemptsBefore = await signInAttempts(request, transamUrl)

  // A wrong password: TransAM's message shows, the field is emptied, nothing is sent again.
  await password.fill('not-the-password')
  await signIn.click()
  const outcome = account.getByTestId('sign-in-outcome')
  await expect(outcome).toContainText('Wrong password')
  await expect(outcome).toContainText('Incorrect password for')
  await expect(password).toHaveValue('')
  await expect(signIn).toBeDisabled()
  await page.screenshot({ path: `${SHOTS}/transam-sign-in-wrong-password.png` })
  // Long enough for any automatic retry to have happened; there must be none.
  await page.waitForTimeout(2_000)
  expect(await signInAttempts(request, transamUrl)).toBe(attemptsBefore + 1)
  await expect(account).toContainText('Sign in needed')

  // The right one.
  await password.fill(sandboxPassword)
  await signIn.click()
  await expect(account.getByTestId('transam-session')).toContainText('Signed in')
  await expect(account.getByRole('button', { name: 'Sign out' })).toBeVisible()
  expect(await signInAttempts(request, transamUrl)).toBe(attemptsBefore + 2)
  await page.screenshot({ path: `${SHOTS}/transam-signed-in.png` })

  await syncAll(page)
  await page.screenshot({ path: `${SHOTS}/transam-sync.png` })

  // Suggested links: both assets, the reasons as chips, and the decision buttons.
  await page.getByRole('link', { name: 'Links', exact: true }).click()
  const suggestions = page.getByRole('list', { name: 'Suggested links' })
  const suggestion = suggestions
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: 'Confirm' }) })
    .first()
  await expect(suggestion).toBeVisible()
  const suggestionName = (await suggestion.getAttribute('aria-label'))!
  const reasons = suggestion.getByRole('list', { name: 'Why this pair is suggested' })
  await expect(reasons.getByRole('listitem').first()).not.toBeEmpty()
  const [huvrLink, transamLink] = await suggestion.getByRole('link').all()
  const huvrName = (await huvrLink!.innerText()).trim()
  const transamName = (await transamLink!.innerText()).trim()
  await page.screenshot({ path: `${SHOTS}/transam-links.png` })

  await suggestion.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.getByTestId('decision-notice')).toContainText(`Linked “${huvrName}”`)
  await expect(suggestions.getByRole('listitem', { name: suggestionName })).toHaveCount(0)
  await page.screenshot({ path: `${SHOTS}/transam-link-confirmed.png` })

  // The unified list marks both sides as linked; the TransAM row opens the TransAM page.
  await page.getByRole('link', { name: 'Assets', exact: true }).click()
  await page.getByLabel('Source').selectOption('transam')
  await page.getByLabel('Search assets').fill(transamName)
  const assets = page.getByRole('table', { name: 'Assets' })
  const transamRow = assets
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: transamName, exact: true }) })
  await expect(transamRow).toContainText('TransAM')
  await expect(transamRow).toContainText('Linked')
  await page.screenshot({ path: `${SHOTS}/transam-asset-list.png` })
  await transamRow.getByRole('link', { name: transamName, exact: true }).click()

  // The TransAM asset: its documents and the linked HUVR asset.
  await expect(page.getByRole('heading', { level: 1, name: transamName })).toBeVisible()
  await expect(page.getByRole('region', { name: `Linked HUVR asset ${huvrName}` })).toBeVisible()
  const documents = page.getByRole('table', { name: `Documents of ${transamName}` })
  const documentRows = documents.locator('tbody > tr:not(.document-problem)')
  expect(await documentRows.count()).toBeGreaterThan(0)
  const firstDocument = documentRows.first()
  await expect(firstDocument).toContainText('Not downloaded')

  // Open: downloads the document, then opens it from the app's store in a new window.
  const opened = page.waitForEvent('popup', { timeout: 15_000 }).catch(() => null)
  await firstDocument.getByRole('button', { name: /^Open / }).click()
  await expect(firstDocument).toContainText('On this computer', { timeout: 60_000 })
  await opened
  const href = await firstDocument.getByRole('link', { name: /^Open / }).getAttribute('href')
  const sha = /^\/files\/([0-9a-f]{64})$/.exec(href ?? '')?.[1]
  expect(sha).toBeDefined()
  const file = await page.request.get(`${host.origin}${href}`)
  expect(file.status()).toBe(200)
  const bytes = await file.body()
  expect(bytes.length).toBeGreaterThan(0)
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  await page.screenshot({ path: `${SHOTS}/transam-asset-detail.png` })

  // A download cut off mid-way: the error stays with that document until a new attempt works.
  if ((await documentRows.count()) > 1) {
    const secondDocument = documentRows.nth(1)
    const cutOff = await request.post(`${transamUrl}/_simulator/fail-next`, {
      data: { kind: 'reset-mid-body', pathPrefix: '/s3/', times: 6 },
    })
    expect(cutOff.status()).toBe(204)
    await secondDocument.getByRole('button', { name: /^Open / }).click()
    const problem = documents.getByRole('alert')
    await expect(problem).toContainText('could not be downloaded', { timeout: 90_000 })
    await expect(secondDocument).toContainText('Not downloaded')
    await problem.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/transam-document-error.png` })
    // Whatever of the scripted faults the first attempt left over, one of these gets through.
    await expect(async () => {
      const tryAgain = documents.getByRole('button', { name: 'Try again' })
      if ((await tryAgain.count()) > 0) await tryAgain.click()
      await expect(secondDocument).toContainText('On this computer', { timeout: 30_000 })
    }).toPass({ timeout: 120_000 })
    await expect(documents.getByRole('alert')).toHaveCount(0)
  }

  // The HUVR asset shows its TransAM twin with the same documents.
  await page
    .getByRole('region', { name: `Linked HUVR asset ${huvrName}` })
    .getByRole('link', { name: huvrName, exact: true })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: huvrName })).toBeVisible()
  const twin = page.getByRole('region', { name: `Linked TransAM asset ${transamName}` })
  await expect(twin).toBeVisible()
  await expect(
    twin
      .getByRole('table', { name: `Documents of ${transamName}` })
      .getByText('On this computer')
      .first(),
  ).toBeVisible()
  await twin.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/transam-huvr-asset-linked.png` })
})
