import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { addSandboxTransamAccount } from './steps'

const SHOTS = 'reports/screenshots'
const PHOTOS = join(import.meta.dirname, '../../../shared/fixtures/photos')
const DESCRIPTION = 'Brake inspection, November'

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

interface RequestLogEntry {
  method: string
  path: string
  status: number | null
  body?: { bytes?: number }
}

/** A small PDF-looking document. */
function pdf(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20)
  bytes.write('%PDF-1.4\n% Fieldstation end-to-end test\n')
  bytes.write('\n%%EOF\n', size - 7)
  return bytes
}

/** Slows (or no longer slows) every TransAM API and file request, through the simulator's controls. */
async function setTransamLatency(page: Page, transamUrl: string, latencyMs: number): Promise<void> {
  const response = await page.request.patch(`${transamUrl}/_simulator/config`, {
    data: { faults: { latencyMs } },
  })
  expect(response.ok()).toBe(true)
}

/**
 * Drops files onto the drop zone as a file manager would: a real DataTransfer holding the files,
 * through dragenter, dragover and drop.
 */
async function dropFiles(page: Page, files: { name: string; type: string; bytes: Buffer }[]) {
  const dataTransfer = await page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer()
      for (const file of list) {
        const bytes = Uint8Array.from(atob(file.base64), (char) => char.charCodeAt(0))
        transfer.items.add(new File([bytes], file.name, { type: file.type }))
      }
      return transfer
    },
    files.map((file) => ({
      name: file.name,
      type: file.type,
      base64: file.bytes.toString('base64'),
    })),
  )
  const zone = page.getByTestId('drop-zone')
  for (const type of ['dragenter', 'dragover', 'drop'])
    await zone.dispatchEvent(type, { dataTransfer })
}

test('documents dropped on a TransAM asset upload, the over-4 MB one is refused, and they reach the document list', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto(host.url)

  // The sandbox TransAM account, signed in with the password the form shows for the sandbox.
  const transamUrl = await addSandboxTransamAccount(page)

  // A TransAM asset page: the drop zone sits above the asset's documents.
  await page.getByRole('link', { name: 'Assets', exact: true }).click()
  await page.getByLabel('Source').selectOption('transam')
  const assetLink = page.getByRole('table', { name: 'Assets' }).getByRole('link').first()
  const assetName = (await assetLink.innerText()).trim()
  await assetLink.click()
  await expect(page.getByRole('heading', { level: 1, name: assetName })).toBeVisible()
  const documents = page.getByRole('table', { name: `Documents of ${assetName}` })
  const uploadedRows = documents.getByRole('row', { name: DESCRIPTION, exact: true })
  await expect(uploadedRows).toHaveCount(0)

  // TransAM slowed down, so the uploads are seen under way; the test waits on states, not times.
  await setTransamLatency(page, transamUrl, 4_000)
  const dropped = [
    {
      name: 'Canon_40D.jpg',
      type: 'image/jpeg',
      bytes: readFileSync(join(PHOTOS, 'Canon_40D.jpg')),
    },
    {
      name: 'DSCN0010.jpg',
      type: 'image/jpeg',
      bytes: readFileSync(join(PHOTOS, 'gps/DSCN0010.jpg')),
    },
    { name: 'brake-report.pdf', type: 'application/pdf', bytes: pdf(60_000) },
  ]
  await page.getByLabel('Description for the next files (optional)').fill(DESCRIPTION)
  await dropFiles(page, dropped)
  await expect(page.getByTestId('import-summary')).toHaveText('3 files added')
  const progress = page.getByTestId('asset-upload-progress')
  await expect(progress).toContainText('of 3 files uploaded to TransAM')
  const uploadSection = page.getByRole('heading', { name: 'Upload documents to TransAM' })
  // The section at the top of the window: drop zone, progress and the files below it.
  const showUploads = () =>
    uploadSection.evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
  await showUploads()
  await page.screenshot({ path: `${SHOTS}/transam-uploads-progress.png` })

  // A document over TransAM's limit, chosen with the picker: refused at once, with its size.
  await page.getByLabel('choose files').setInputFiles({
    name: 'manual-scan.pdf',
    mimeType: 'application/pdf',
    buffer: pdf(Math.round(4.5 * 1024 * 1024)),
  })
  await expect(page.getByTestId('import-summary')).toHaveText(
    '3 files added · 1 could not be added',
  )
  await expect(
    page.getByRole('alert').filter({ hasText: 'One file could not be added' }),
  ).toContainText(
    "manual-scan.pdf is 4.5 MB, over TransAM's 4 MB limit for documents; it was not queued.",
  )

  // Full speed again: every dropped file reaches TransAM.
  await setTransamLatency(page, transamUrl, 0)
  await expect(progress).toContainText('3 of 3 files uploaded to TransAM', { timeout: 60_000 })
  const done = page.getByTestId('uploads-done')
  await expect(done).toContainText('All 3 files are in TransAM.')
  const added = page.getByRole('table', { name: 'Added files' })
  await expect(added.locator('.upload-state[data-state="done"]')).toHaveCount(3)
  await showUploads()
  await page.screenshot({ path: `${SHOTS}/transam-uploads-done.png` })

  // They are in the document list at once, each once, readable from the copy made at import.
  await expect(done).toContainText('They are in the document list below.')
  await expect(uploadedRows).toHaveCount(3)
  await documents.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/transam-uploads-listed.png` })

  // One opens with the bytes that were dropped, with no download from TransAM.
  const first = uploadedRows.first()
  await expect(first).toContainText('On this computer')
  const href = await first.getByRole('link', { name: /^Open / }).getAttribute('href')
  const file = await page.request.get(`${host.origin}${href}`)
  expect(dropped.map((item) => sha256(item.bytes))).toContain(sha256(await file.body()))

  // TransAM received the three documents once each, and nothing of the refused one.
  const log = (await (
    await page.request.get(`${transamUrl}/_simulator/requests`)
  ).json()) as RequestLogEntry[]
  const posts = log.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/documents'))
  expect(posts.map((entry) => entry.status)).toEqual([200, 200, 200])
  expect(Math.max(...posts.map((entry) => entry.body?.bytes ?? 0))).toBeLessThan(4 * 1024 * 1024)
})
