import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations'
import { expect, startHost, test } from './fixtures'

test('the app loads and shows its schema version through an RPC round trip', async ({
  page,
  host,
}) => {
  await page.goto(host.url)
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
  await expect(page.getByText('Sandbox workspace')).toBeVisible()
  await page.getByRole('link', { name: 'About' }).click()
  await expect(page.getByTestId('about-database-schema')).toHaveText(String(LATEST_SCHEMA_VERSION))
  await expect(page.getByTestId('about-running-as')).toHaveText(/Browser mode/)
  // The token left the address bar once it became a cookie.
  expect(page.url()).not.toContain('token=')
  await page.screenshot({ path: 'reports/screenshots/about.png' })
})

test('every section is reachable from the navigation and the status bar is shown', async ({
  page,
  host,
}) => {
  await page.goto(host.url)
  for (const section of ['Assets', 'Projects', 'Uploads', 'Changes', 'Sync', 'Settings']) {
    await page.getByRole('link', { name: section }).click()
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible()
  }
  await expect(page.getByTestId('outbox')).toHaveText('Edits: all sent')
  await expect(page.getByTestId('connections')).toHaveText('No accounts')
})

test('settings save at once, are validated, and reach other windows by event', async ({
  page,
  context,
  host,
}) => {
  await page.goto(host.url)
  const other = await context.newPage()
  await other.goto(`${host.origin}/#/settings`)
  await page.getByRole('link', { name: 'Settings' }).click()
  const concurrency = page.getByLabel('Uploads at once per account')
  await concurrency.fill('5')
  // The second window learns of the change through the WebSocket event, without reloading.
  await expect(other.getByLabel('Uploads at once per account')).toHaveValue('5')
  await concurrency.fill('42')
  await expect(page.getByRole('alert')).toContainText('uploadConcurrency')
  await page.screenshot({ path: 'reports/screenshots/settings.png' })
})

test('a call without the token gets 401', async ({ request, host }) => {
  const response = await request.post(`${host.origin}/rpc`, { data: { method: 'app.info' } })
  expect(response.status()).toBe(401)
  expect((await response.json()).error.code).toBe('unauthorized')
  const page = await request.get(`${host.origin}/`)
  expect(page.status()).toBe(401)
})

test('a call with a foreign Origin is refused even with the token', async ({ request, host }) => {
  const headers = { Authorization: `Bearer ${host.token}` }
  const foreign = await request.post(`${host.origin}/rpc`, {
    data: { method: 'app.info' },
    headers: { ...headers, Origin: 'http://evil.example' },
  })
  expect(foreign.status()).toBe(403)
  const rebound = await request.post(`${host.origin}/rpc`, {
    data: { method: 'app.info' },
    headers: { ...headers, Host: 'evil.example' },
  })
  expect(rebound.status()).toBe(421)
  const own = await request.post(`${host.origin}/rpc`, { data: { method: 'app.info' }, headers })
  expect(own.status()).toBe(200)
  expect((await own.json()).value.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
})

test('invalid params and unknown methods answer with error codes over HTTP', async ({
  request,
  host,
}) => {
  const headers = { Authorization: `Bearer ${host.token}` }
  const invalid = await request.post(`${host.origin}/rpc`, {
    data: { method: 'settings.update', params: { uploadConcurrency: 'many' } },
    headers,
  })
  expect((await invalid.json()).error.code).toBe('invalid-params')
  const unknown = await request.post(`${host.origin}/rpc`, {
    data: { method: 'db.dropEverything' },
    headers,
  })
  expect((await unknown.json()).error.code).toBe('unknown-method')
})

test('a corrupt database shows a clear startup error and is left untouched', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fieldstation-e2e-corrupt-'))
  const database = join(dataDir, 'fieldstation.db')
  writeFileSync(database, 'Not a SQLite database: a damaged file.\n'.repeat(200))
  const before = readFileSync(database)
  const { host, stop } = await startHost(dataDir)
  try {
    await page.goto(host.url)
    await expect(page.getByRole('alert')).toContainText('damaged or unreadable')
    await expect(page.getByRole('alert')).toContainText('left untouched')
    await page.screenshot({ path: 'reports/screenshots/startup-error.png' })
  } finally {
    await stop()
  }
  expect(readFileSync(database).equals(before)).toBe(true)
})
