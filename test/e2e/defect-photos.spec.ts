import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  callCore,
  refId,
  setHuvrReachable,
  startWithSandboxHuvr,
  syncFromSyncView,
  type HuvrApi,
  type HuvrListPage,
  type Ref,
} from './steps'

const SHOTS = 'reports/screenshots'

interface ServerMedia {
  id: number
  name: string
  state: string
  media_type: string | null
  overlays: { defect: Ref }[]
}

/** The project's media as HUVR has them, with their overlays (the photo ↔ defect links). */
async function projectMedia(api: HuvrApi, projectId: number): Promise<ServerMedia[]> {
  return (
    await api.get<HuvrListPage<ServerMedia>>(
      `/api/inspection-media/?project=${projectId}&limit=1000`,
    )
  ).results
}

/** Which photos of the project HUVR links to a defect: one entry per link, in media id order. */
async function photosLinkedTo(api: HuvrApi, projectId: number, defectId: number) {
  return (await projectMedia(api, projectId))
    .flatMap((media) =>
      media.overlays.filter((overlay) => refId(overlay.defect) === defectId).map(() => media.name),
    )
    .sort()
}

/**
 * A project whose findings can still be edited, with a defect no photo is linked to yet and two
 * photos, both uploaded (so both have thumbnails, and the picker shows just those two).
 */
async function projectWithPhotos(api: HuvrApi) {
  const projects = await api.get<HuvrListPage<{ id: number; name: string; status: string }>>(
    '/api/projects/?limit=1000',
  )
  for (const project of projects.results) {
    if (project.status === 'PUBLISHED') continue
    const media = await projectMedia(api, project.id)
    const photos = media.filter((each) => each.media_type?.startsWith('image/') === true)
    if (photos.length !== 2 || photos.some((each) => each.state === 'CREATED')) continue
    const defects = await api.get<HuvrListPage<{ id: number }>>(
      `/api/defects/?project=${project.id}&limit=100`,
    )
    const linked = new Set(
      media.flatMap((each) => each.overlays.map((overlay) => refId(overlay.defect))),
    )
    const defect = defects.results.find((each) => !linked.has(each.id))
    if (defect) return { id: project.id, name: project.name, defectId: defect.id }
  }
  throw new Error('The sandbox has no open project with a defect and two uploaded photos')
}

/** Opens the photo picker of the defect whose editor is open; answers the dialog. */
async function openPicker(page: Page, photos: Locator, defectName: string): Promise<Locator> {
  await photos.getByRole('button', { name: 'Link a photo' }).click()
  const picker = page.getByRole('dialog', { name: `Link a photo to ${defectName}` })
  await expect(picker).toBeVisible()
  return picker
}

test('photos linked to defects with HUVR unreachable wait as not sent, then reach HUVR once each', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000)
  // The sandbox HUVR account, added as a user adds it, and synced.
  const { huvrUrl, api } = await startWithSandboxHuvr(page, host.url)

  // A project with photos and a defect, made available offline and synced.
  const project = await projectWithPhotos(api)
  const [connection] = (await callCore(page, 'app.status')).connections
  const projectUrl = `${host.origin}/#/projects/${encodeURIComponent(connection!.id)}/${project.id}`
  await page.goto(projectUrl)
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible()
  await page.getByRole('switch', { name: 'Available offline' }).check()
  await syncFromSyncView(page)
  await page.goto(projectUrl)
  const defects = page.getByRole('region', { name: /^Defects/ })
  await expect(defects.getByRole('table', { name: 'Defects' })).toBeVisible()
  /** The Photos part of a defect's editor (one is open at a time); `row` from the page. */
  const photosOf = (row: Locator) =>
    defects
      .locator('tbody')
      .filter({ has: row })
      .getByRole('region', { name: /^Photos/ })

  // From here HUVR drops every API request: the inspector is out of network.
  await setHuvrReachable(page, huvrUrl, false)
  await page.request.delete(`${huvrUrl}/_simulator/requests`)
  /** The overlay writes HUVR took: the media each was for, and the defect. */
  const overlaysTaken = async () => {
    const log = (await (await page.request.get(`${huvrUrl}/_simulator/requests`)).json()) as {
      method: string
      path: string
      status: number | null
      body?: Record<string, unknown>
    }[]
    return log
      .filter(
        (entry) =>
          entry.method === 'POST' &&
          /\/overlays\/$/.test(entry.path) &&
          entry.status !== null &&
          entry.status < 300,
      )
      .map((entry) => entry.path)
  }

  // The defect's editor has a Photos strip, empty so far.
  const defectName = `Defect #${project.defectId}`
  const defectRow = page.getByRole('row', { name: defectName, exact: true })
  await defectRow.getByRole('button', { name: `Edit ${defectName}`, exact: true }).click()
  const photos = photosOf(defectRow)
  await expect(photos).toContainText('No photos linked to this defect.')

  // The picker: the project's two photos as a grid, the first one focused.
  let picker = await openPicker(page, photos, defectName)
  const grid = picker.getByRole('list', { name: 'Project photos' })
  const buttons = grid.getByRole('button')
  await expect(buttons).toHaveCount(2)
  await expect(buttons.locator('img')).toHaveCount(2)
  const names = (
    await buttons.evaluateAll((each) => each.map((button) => button.ariaLabel ?? ''))
  ).map((label) => label.replace(/^Link /, ''))
  const [first, second] = [names[0]!, names[1]!]
  const byName = (name: string) => grid.getByRole('button', { name: `Link ${name}`, exact: true })
  const linked = (name: string) => grid.getByRole('button', { name: `${name} (linked)` })
  await expect(byName(first)).toBeFocused()
  await page.screenshot({ path: `${SHOTS}/defect-photos-picker.png` })

  // The keyboard alone: the arrow keys step through the grid, Enter links the photo at once.
  // A linked photo stays in the grid, marked and disabled, and the focus moves on to one that
  // can still be linked; with none left, to Done.
  await page.keyboard.press('ArrowRight')
  await expect(byName(second)).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await expect(byName(first)).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(linked(first)).toBeDisabled()
  await expect(byName(second)).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(linked(second)).toBeDisabled()
  await expect(picker.getByRole('button', { name: 'Done' })).toBeFocused()
  // Both wait on this computer; the status bar counts them and says HUVR does not answer.
  await expect(page.getByTestId('outbox-pending')).toHaveText('2 pending')
  await expect(page.getByTestId('connections')).toContainText('Unreachable')
  await page.screenshot({ path: `${SHOTS}/defect-photos-picker-linked.png` })
  // Escape closes the picker, and the focus is back on the button that opened it.
  await page.keyboard.press('Escape')
  await expect(picker).toHaveCount(0)
  await expect(photos.getByRole('button', { name: 'Link a photo' })).toBeFocused()

  // The strip shows both, not sent yet.
  const strip = photos.getByRole('list', { name: `Photos of ${defectName}` })
  await expect(strip.getByRole('listitem')).toHaveCount(2)
  for (const name of [first, second]) {
    const item = strip.getByRole('listitem', { name, exact: true })
    await expect(item).toHaveAttribute('data-sync-state', 'pending')
    await expect(item.getByText('Not sent')).toBeVisible()
    await expect(item.locator('img')).toBeVisible()
  }
  await defects.screenshot({ path: `${SHOTS}/defect-photos-pending.png` })

  // A defect recorded here, with no HUVR id yet, takes a photo too: a click links it.
  await defects.getByRole('button', { name: 'New defect' }).click()
  const form = defects.getByRole('form', { name: 'New defect' })
  await form.getByLabel('Type', { exact: true }).selectOption({ label: 'Corrosion' })
  await form.getByLabel('Severity').selectOption({ label: 'Low' })
  const description = 'Surface rust around the drain nozzle, photographed from the ladder.'
  await form.getByLabel('Description').fill(description)
  await form.getByRole('button', { name: 'Add defect' }).click()
  const newRow = page.locator('tr[aria-label]').filter({ hasText: description })
  await expect(newRow).toHaveAttribute('aria-label', 'New defect')
  // Its editor opens (the other one closes).
  const newPhotos = photosOf(newRow)
  picker = await openPicker(page, newPhotos, 'New defect')
  await picker.getByRole('button', { name: `Link ${second}`, exact: true }).click()
  await expect(picker.getByRole('button', { name: `${second} (linked)` })).toBeDisabled()
  await expect(picker.getByRole('button', { name: `Link ${first}`, exact: true })).toBeEnabled()
  await picker.getByRole('button', { name: 'Done' }).click()
  const newStrip = newPhotos.getByRole('list', { name: 'Photos of New defect' })
  await expect(newStrip.getByRole('listitem', { name: second, exact: true })).toHaveAttribute(
    'data-sync-state',
    'pending',
  )
  await expect(page.getByTestId('outbox-pending')).toHaveText('4 pending')
  await defects.screenshot({ path: `${SHOTS}/defect-photos-new-defect-pending.png` })

  // Nothing has reached HUVR.
  expect(await overlaysTaken()).toEqual([])

  // HUVR answers again: the links are sent by themselves, the new defect's after the defect.
  await setHuvrReachable(page, huvrUrl, true)
  await expect(page.getByTestId('outbox')).toHaveText('Edits: all sent', { timeout: 180_000 })
  const newName = (await newRow.getAttribute('aria-label'))!
  expect(newName).toMatch(/^Defect #\d+$/)
  const syncedNewStrip = newPhotos.getByRole('list', { name: `Photos of ${newName}` })
  await expect(syncedNewStrip.getByRole('listitem', { name: second, exact: true })).toHaveAttribute(
    'data-sync-state',
    'synced',
  )
  await defects.screenshot({ path: `${SHOTS}/defect-photos-new-defect-synced.png` })
  await defectRow.getByRole('button', { name: `Edit ${defectName}`, exact: true }).click()
  for (const name of [first, second])
    await expect(strip.getByRole('listitem', { name, exact: true })).toHaveAttribute(
      'data-sync-state',
      'synced',
    )
  await expect(strip.getByText('Not sent')).toHaveCount(0)
  await defects.screenshot({ path: `${SHOTS}/defect-photos-synced.png` })
  // A photo in the strip opens large.
  await strip.getByRole('button', { name: `Open ${first}` }).click()
  const viewer = page.getByRole('dialog', { name: first })
  await expect(viewer.locator('img')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(viewer).toHaveCount(0)

  // HUVR took one overlay write per link, and links exactly those photos to each defect, once
  // each.
  expect(await overlaysTaken()).toHaveLength(3)
  expect(await photosLinkedTo(api, project.id, project.defectId)).toEqual([first, second].sort())
  const newDefectId = Number(newName.replace(/\D/g, ''))
  expect(await photosLinkedTo(api, project.id, newDefectId)).toEqual([second])
  const defect = await api.get<{ overlays: { media: { id: number } }[] }>(
    `/api/defects/${project.defectId}/`,
  )
  expect(defect.overlays).toHaveLength(2)

  // Opened again, the picker shows both photos as linked.
  picker = await openPicker(page, photos, defectName)
  for (const name of [first, second])
    await expect(picker.getByRole('button', { name: `${name} (linked)` })).toBeDisabled()
  await page.keyboard.press('Escape')
})
