import { expect, test } from './fixtures'
import { syncFromSyncView } from './steps'

const SHOTS = 'reports/screenshots'

test('a HUVR account added in Settings syncs, is searchable, and an offline project shows its media', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000)
  await page.goto(host.url)

  // Add the sandbox account through the form, testing it before saving.
  await page.getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('button', { name: 'Use the sandbox HUVR account' }).click()
  await expect(page.getByLabel('Account name')).toHaveValue('Sandbox HUVR')
  await expect(page.getByLabel('Workspace URL')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+/)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(page.getByTestId('connection-verdict')).toContainText('Connection works')
  await page.screenshot({ path: `${SHOTS}/huvr-add-account.png` })
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('Sandbox HUVR')

  await syncFromSyncView(page)
  await page.screenshot({ path: `${SHOTS}/huvr-sync.png` })

  // The asset list is virtualised: far fewer rows in the page than assets in the cache.
  await page.getByRole('link', { name: 'Assets', exact: true }).click()
  const assets = page.getByRole('table', { name: 'Assets' })
  const firstAsset = assets.getByRole('link').first()
  await expect(firstAsset).toBeVisible()
  const total = Number((await page.getByTestId('result-count').innerText()).replace(/\D/g, ''))
  expect(total).toBeGreaterThan(100)
  expect(await assets.getByRole('row').count()).toBeLessThan(100)

  // Search by a part of an asset's name (not its start), as an inspector would.
  const name = (await firstAsset.innerText()).trim()
  const part = name.length > 4 ? name.slice(1, -1) : name
  await page.getByLabel('Search assets').fill(part)
  await expect(page.getByTestId('result-count')).not.toHaveText(`${total.toLocaleString()} assets`)
  const match = assets.getByRole('link', { name, exact: true }).first()
  await expect(match).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/huvr-asset-search.png` })
  await match.click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByRole('heading', { name: /All fields from HUVR/ })).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/huvr-asset-detail.png` })

  // Open a project and make it available offline.
  await page.getByRole('link', { name: 'Projects', exact: true }).click()
  const firstProject = page.getByRole('table', { name: 'Projects' }).getByRole('link').first()
  const projectName = (await firstProject.innerText()).trim()
  await page.screenshot({ path: `${SHOTS}/huvr-projects.png` })
  await firstProject.click()
  await expect(page.getByRole('heading', { level: 1, name: projectName })).toBeVisible()
  const offline = page.getByRole('switch', { name: 'Available offline' })
  await expect(offline).not.toBeChecked()
  await offline.check()
  await expect(offline).toBeChecked()
  const projectUrl = page.url()

  // The next sync brings the project's media thumbnails.
  await syncFromSyncView(page)
  await page.goto(projectUrl)
  const gallery = page.getByRole('list', { name: 'Media' })
  await gallery.scrollIntoViewIfNeeded()
  const thumbnails = gallery.locator('img')
  await expect(thumbnails.first()).toBeVisible()
  await expect
    .poll(() =>
      thumbnails.evaluateAll((images) =>
        (images as HTMLImageElement[]).every((image) => image.complete && image.naturalWidth > 0),
      ),
    )
    .toBe(true)
  await page.screenshot({ path: `${SHOTS}/huvr-project-offline.png` })

  // The viewer opens on a click, steps with the arrow keys and closes with Escape.
  const mediaCount = await gallery.getByRole('listitem').count()
  await gallery.getByRole('button').first().click()
  const viewer = page.getByRole('dialog')
  await expect(viewer).toBeVisible()
  await expect(viewer).toContainText(`1 of ${mediaCount}`)
  if (mediaCount > 1) {
    await page.keyboard.press('ArrowRight')
    await expect(viewer).toContainText(`2 of ${mediaCount}`)
  }
  await page.screenshot({ path: `${SHOTS}/huvr-media-viewer.png` })
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()

  // The project list marks it as available offline.
  await page.getByRole('link', { name: 'Projects', exact: true }).click()
  const row = page
    .getByRole('table', { name: 'Projects' })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: projectName, exact: true }) })
  await expect(row).toContainText('Offline')
})
