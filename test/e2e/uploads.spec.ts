import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { syncFromSyncView } from './steps'

const SHOTS = 'reports/screenshots'
const PHOTOS = join(import.meta.dirname, '../../../shared/fixtures/photos')

/** The files a folder upload sends: every file under the folder, hidden ones left out. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
}

/** Slows (or no longer slows) every HUVR API and storage request, through the simulator's own controls. */
async function setHuvrLatency(page: Page, huvrUrl: string, latencyMs: number): Promise<void> {
  const response = await page.request.patch(`${huvrUrl}/_simulator/config`, {
    data: { faults: { latencyMs } },
  })
  expect(response.ok()).toBe(true)
}

/** The upload queue renders only the rows in view: scroll it until the file's row is there. */
async function queueItem(page: Page, filename: string): Promise<Locator> {
  const scroller = page.locator('.upload-list-scroll')
  const item = page.getByRole('article', { name: filename, exact: true })
  await scroller.evaluate((element) => element.scrollTo({ top: 0 }))
  for (let step = 0; step < 100 && (await item.count()) === 0; step += 1) {
    const atEnd = await scroller.evaluate((element) => {
      const end = element.scrollTop + element.clientHeight >= element.scrollHeight - 1
      element.scrollBy({ top: element.clientHeight / 2 })
      return end
    })
    if (atEnd) break
    await page.waitForTimeout(50)
  }
  await item.scrollIntoViewIfNeeded()
  return item
}

test('photos dropped on a project upload to HUVR, pause and resume, and reach the gallery', async ({
  page,
  host,
}) => {
  test.setTimeout(90_000)
  const expected = filesUnder(PHOTOS).length
  expect(expected).toBeGreaterThan(10)
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(host.url)

  // The sandbox HUVR account, as a user adds it; its address is where the simulator is controlled.
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await page.getByRole('button', { name: 'Use the sandbox HUVR account' }).click()
  const huvrUrl = await page.getByLabel('Workspace URL').inputValue()
  await page.getByRole('button', { name: 'Save account' }).click()
  await expect(page.getByRole('list', { name: 'Accounts' })).toContainText('Sandbox HUVR')
  await syncFromSyncView(page)

  await page.getByRole('link', { name: 'Projects', exact: true }).click()
  const firstProject = page.getByRole('table', { name: 'Projects' }).getByRole('link').first()
  const projectName = (await firstProject.innerText()).trim()
  await firstProject.click()
  await expect(page.getByRole('heading', { level: 1, name: projectName })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Media' })).toHaveCount(0)

  // Slow HUVR down so that no upload can finish before "Pause all"; the test waits on states,
  // never on times.
  await setHuvrLatency(page, huvrUrl, 2_000)
  await page.getByLabel('choose a folder').setInputFiles(PHOTOS)
  await expect(page.getByTestId('import-summary')).toHaveText(`${expected} files added`, {
    timeout: 30_000,
  })
  // A long list starts folded; each file says whether it was queued and why it has no preview.
  await page.getByText(`Each file (${expected})`).click()
  const added = page.getByRole('table', { name: 'Added files' })
  const heicRow = added.getByRole('row').filter({ hasText: 'IMG_5195.HEIC' })
  await expect(heicRow).toContainText('Queued')
  await expect(heicRow.locator('.import-file-note')).toContainText('HEIC')
  const corruptRow = added.getByRole('row').filter({ hasText: 'corrupted.jpg' })
  await expect(corruptRow.locator('.import-file-note')).toContainText('damaged')
  await expect(page.getByTestId('project-upload-progress')).toContainText(
    `of ${expected} files uploaded to HUVR`,
  )
  await page.getByRole('heading', { name: 'Upload photos to HUVR' }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/uploads-project-added.png` })

  // Pause everything from the Uploads view: every file not yet in HUVR shows as paused.
  await page.getByRole('link', { name: 'Uploads', exact: true }).click()
  await expect(page.getByTestId('upload-totals')).toContainText(`of ${expected} files uploaded`)
  await page.getByRole('button', { name: 'Pause all' }).click()
  await expect(page.getByTestId('upload-counts')).toHaveText(/^[\d,]+ paused$/)
  await expect(page.getByRole('heading', { name: /^Paused \(\d+\)$/ })).toBeVisible()
  await expect(page.getByRole('article').first().locator('.upload-state')).toHaveText('Paused')
  await expect(page.getByRole('button', { name: 'Resume all' })).toBeEnabled()
  await expect(page.getByTestId('uploads')).toContainText('paused')
  await page.screenshot({ path: `${SHOTS}/uploads-paused.png` })

  // Resume at full speed; every file reaches HUVR, the HEIC and the damaged JPEG included.
  await setHuvrLatency(page, huvrUrl, 0)
  await page.getByRole('button', { name: 'Resume all' }).click()
  await expect(page.getByTestId('upload-totals')).toContainText(
    `${expected} of ${expected} files uploaded`,
    { timeout: 45_000 },
  )
  await expect(page.getByTestId('upload-counts')).toHaveText('All uploaded.')
  for (const [filename, reason] of [
    ['IMG_5195.HEIC', 'HEIC'],
    ['corrupted.jpg', 'damaged'],
  ] as const) {
    const item = await queueItem(page, filename)
    await expect(item.getByTestId('placeholder-reason')).toContainText(reason)
    await expect(item.locator('.upload-state')).toHaveText('Uploaded')
  }
  await page.locator('.upload-list-scroll').evaluate((element) => element.scrollTo({ top: 0 }))
  await page.screenshot({ path: `${SHOTS}/uploads-done.png` })

  // Back on the project (in the app, so it remembers the drop): sync, and the photos are in
  // its gallery.
  await page.goBack()
  await expect(page.getByRole('heading', { level: 1, name: projectName })).toBeVisible()
  const done = page.getByTestId('uploads-done')
  await expect(done).toContainText(`All ${expected} files are in HUVR.`)
  await done.getByRole('button', { name: 'Make available offline and sync' }).click()
  await expect(done).toContainText('Synced', { timeout: 30_000 })
  const gallery = page.getByRole('list', { name: 'Media' })
  await expect(gallery.getByRole('listitem').filter({ hasText: 'IMG_5195.HEIC' })).toHaveCount(1)
  await expect(gallery.getByRole('listitem').filter({ hasText: 'corrupted.jpg' })).toHaveCount(1)
  expect(await gallery.getByRole('listitem').count()).toBeGreaterThanOrEqual(expected)
  await gallery.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/uploads-gallery.png` })
})
