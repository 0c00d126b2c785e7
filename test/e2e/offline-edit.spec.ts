import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'
import {
  addSandboxTransamAccount,
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
const PHOTOS = join(import.meta.dirname, '../../../shared/fixtures/photos')

/**
 * A project with a checklist, a defect and CMLs on its asset, whose findings can still be
 * edited (a published project's are locked).
 */
async function projectToInspect(
  api: HuvrApi,
): Promise<{ id: number; name: string; assetId: number }> {
  const checklists = await api.get<HuvrListPage<{ project: Ref }>>('/api/checklists/?limit=1000')
  const candidates = [...new Set(checklists.results.map((item) => refId(item.project)))]
  for (const id of candidates) {
    if (id === null) continue
    const project = await api.get<{ id: number; name: string; status: string; asset: Ref }>(
      `/api/projects/${id}/`,
    )
    if (project.status === 'PUBLISHED') continue
    const defects = await api.get<HuvrListPage<unknown>>(`/api/defects/?project=${id}&limit=1`)
    const cmls = await api.get<HuvrListPage<unknown>>(
      `/api/cmls/?asset=${refId(project.asset)}&limit=1`,
    )
    if (defects.count > 0 && cmls.count >= 3)
      return { id, name: project.name, assetId: refId(project.asset)! }
  }
  throw new Error('The sandbox has no project with a checklist, a defect and CMLs')
}

test('edits made with HUVR unreachable wait as pending, sync when it answers, and a conflict is resolved on the Changes screen', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000)
  // The sandbox HUVR account, added as a user adds it, and synced.
  const { huvrUrl, api } = await startWithSandboxHuvr(page, host.url)

  // A project with findings to edit, and a CML with no reading yet, made available offline and
  // synced.
  const project = await projectToInspect(api)
  const newCml = 'CML-99 (added)'
  await api.post('/api/cmls/', { asset: project.assetId, name: newCml, type: 'PIPE' })
  const [connection] = (await callCore(page, 'app.status')).connections
  const projectUrl = `${host.origin}/#/projects/${encodeURIComponent(connection!.id)}/${project.id}`
  await page.goto(projectUrl)
  await expect(page.getByRole('heading', { level: 1, name: project.name })).toBeVisible()
  await page.getByRole('switch', { name: 'Available offline' }).check()
  await syncFromSyncView(page)
  await page.goto(projectUrl)
  const defects = page.getByRole('region', { name: /^Defects/ })
  const checklists = page.getByRole('region', { name: /^Checklists/ })
  const measurements = page.getByRole('region', { name: /^Measurements/ })
  await expect(defects.getByRole('table', { name: 'Defects' })).toBeVisible()

  // A conflict in the making: the office rewrites the project's description in HUVR after this
  // sync, and the inspector rewrites it too below, with no network.
  const theirs = 'Scope widened by the office: include nozzle N2.'
  await api.patch(`/api/projects/${project.id}/`, { description: theirs })

  // From here HUVR drops every API request: the inspector is out of network.
  await setHuvrReachable(page, huvrUrl, false)

  const mine = 'Shell and heads only; nozzle N1 not accessible today.'
  const projectForm = page.getByRole('form', { name: 'Project details' })
  await projectForm.getByLabel('Description').fill(mine)
  await projectForm.getByLabel('Description').blur()
  await expect(projectForm.getByText('not sent yet')).toBeVisible()

  // Edit a defect: another severity and a new description, saved as they are changed.
  await defects
    .getByRole('button', { name: /^Edit Defect #\d+$/ })
    .first()
    .click()
  const defectForm = defects.getByRole('form', { name: /^Defect #\d+$/ })
  const defectName = (await defectForm.getAttribute('aria-label'))!
  const defectId = Number(defectName.replace(/\D/g, ''))
  const severity = defectForm.getByLabel('Severity')
  const newSeverity = await severity.evaluate(
    (select: HTMLSelectElement) =>
      Array.from(select.options).find(
        (option) => option.value !== '' && option.value !== select.value,
      )!.value,
  )
  await severity.selectOption(newSeverity)
  const defectText = 'Coating blistered over about 40 cm², rust underneath.'
  await defectForm.getByLabel('Description').fill(defectText)
  await defectForm.getByLabel('Description').blur()
  const defectRow = defects.getByRole('row', { name: defectName, exact: true })
  await expect(defectRow).toHaveAttribute('data-sync-state', 'pending')
  await expect(defectRow).toContainText(defectText)

  // Fill a checklist from the keyboard alone: each answer, then Enter to the next line.
  const checklist = checklists.locator('details.checklist').first()
  await checklist.locator(':scope > summary').click()
  const lines = checklist.locator('[data-cell="line"]')
  const lineCount = await lines.count()
  expect(lineCount).toBeGreaterThan(2)
  await lines.first().focus()
  const answers: string[] = []
  for (let index = 0; index < lineCount; index += 1) {
    await expect(lines.nth(index)).toBeFocused()
    answers.push(await answerByKeyboard(page, lines.nth(index), index))
    await page.keyboard.press('Enter')
  }
  for (const [index, answer] of answers.entries())
    await expect(lines.nth(index)).toHaveValue(answer)
  await expect(checklist).toHaveAttribute('data-sync-state', 'pending')

  // Readings into the grid: type, Enter, next CML down the column.
  const grid = measurements.getByRole('table', { name: 'Measurements' })
  const valueCells = grid.locator('[data-cell="value"]')
  const readings = ['0.412', '0.398', '0.405']
  await valueCells.first().click()
  await page.keyboard.press('Control+A')
  for (const reading of readings) {
    await page.keyboard.type(reading)
    await page.keyboard.press('Enter')
  }
  const gridRows = grid.locator('tbody > tr[aria-label]')
  for (const [index, reading] of readings.entries()) {
    await expect(valueCells.nth(index)).toHaveValue(reading)
    await expect(gridRows.nth(index)).toHaveAttribute('data-sync-state', 'pending')
  }
  // A value typed where there is no reading records a new one.
  const newRow = grid.getByRole('row', { name: `CML ${newCml}`, exact: true })
  await expect(newRow).toHaveAttribute('data-sync-state', 'none')
  await newRow.getByRole('textbox', { name: /^Value at / }).fill('0.377')
  await page.keyboard.press('Enter')
  await expect(newRow).toHaveAttribute('data-sync-state', 'pending')

  // Everything waits on this computer; the status bar counts it and says HUVR does not answer.
  await expect(page.getByTestId('outbox-pending')).toHaveText('7 pending')
  await expect(page.getByTestId('connections')).toContainText('Unreachable')
  await projectForm.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/offline-edit-pending-project.png` })
  await defects.screenshot({ path: `${SHOTS}/offline-edit-pending-defect.png` })
  await checklist.screenshot({ path: `${SHOTS}/offline-edit-pending-checklist.png` })
  await measurements.screenshot({ path: `${SHOTS}/offline-edit-pending-measurements.png` })
  await page.getByTestId('outbox-pending').click()
  await expect(
    page.getByRole('table', { name: 'Waiting to be sent' }).getByRole('row'),
  ).toHaveCount(8)
  await page.screenshot({ path: `${SHOTS}/offline-edit-pending-changes.png` })

  // HUVR answers again: the push starts by itself; the description waits for a choice.
  await setHuvrReachable(page, huvrUrl, true)
  await expect(page.getByTestId('outbox-conflicts')).toHaveText('1 conflict', { timeout: 180_000 })
  await expect(page.getByTestId('outbox-pending')).toHaveCount(0, { timeout: 30_000 })
  await expect(page.getByTestId('connections')).toContainText('Reachable')

  await page.goto(projectUrl)
  await expect(defects.getByRole('row', { name: defectName, exact: true })).toHaveAttribute(
    'data-sync-state',
    'synced',
  )
  await expect(checklists.locator('details.checklist').first()).toHaveAttribute(
    'data-sync-state',
    'synced',
  )
  for (const index of readings.keys())
    await expect(gridRows.nth(index)).toHaveAttribute('data-sync-state', 'synced')
  await expect(newRow).toHaveAttribute('data-sync-state', 'synced')
  await measurements.screenshot({ path: `${SHOTS}/offline-edit-synced-measurements.png` })
  await page.screenshot({ path: `${SHOTS}/offline-edit-synced-project.png` })

  // HUVR has them.
  const defect = await api.get<{ severity: number; description: string }>(
    `/api/defects/${defectId}/`,
  )
  expect([String(defect.severity), defect.description]).toEqual([newSeverity, defectText])
  const serverReadings = await api.get<HuvrListPage<{ value: number }>>(
    `/api/measurements/?project=${project.id}&limit=1000`,
  )
  expect(serverReadings.results.map((each) => String(each.value))).toEqual(
    expect.arrayContaining([...readings, '0.377']),
  )
  const [serverChecklist] = (
    await api.get<HuvrListPage<{ id: number }>>(`/api/checklists/?project=${project.id}`)
  ).results
  const filled = await api.get<{ progress: { answered: number; total: number } }>(
    `/api/checklists/${serverChecklist!.id}/`,
  )
  expect(filled.progress.answered).toBe(filled.progress.total)

  // The conflict, side by side; the inspector writes a value of both.
  await page.getByTestId('outbox-conflicts').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Changes' })).toBeVisible()
  const card = page.getByRole('article').filter({ hasText: project.name })
  const conflict = card.getByRole('row', { name: 'Description' })
  await expect(conflict.locator('.conflict-mine')).toHaveText(mine)
  await expect(conflict.locator('.conflict-theirs')).toHaveText(theirs)
  await page.screenshot({ path: `${SHOTS}/offline-edit-conflict.png` })
  await conflict.getByRole('button', { name: 'Edit…' }).click()
  const merged = `${mine} ${theirs}`
  await card.getByLabel('Your value for Description').fill(merged)
  await page.screenshot({ path: `${SHOTS}/offline-edit-conflict-merging.png` })
  await card.getByRole('button', { name: 'Use this value' }).click()
  await expect(page.getByRole('heading', { name: 'Conflicts (0)' })).toBeVisible()
  await expect(page.getByTestId('outbox')).toHaveText('Edits: all sent', { timeout: 90_000 })
  await expect
    .poll(
      async () =>
        (await api.get<{ description: string }>(`/api/projects/${project.id}/`)).description,
    )
    .toBe(merged)
  await page.screenshot({ path: `${SHOTS}/offline-edit-resolved.png` })
})

/**
 * Answers the focused checklist line from the keyboard: a choice moves to its neighbour with
 * the arrow keys, a number or text is typed over. Returns the value the control should hold.
 */
async function answerByKeyboard(page: Page, control: Locator, index: number): Promise<string> {
  const kind = await control.evaluate((element) =>
    element instanceof HTMLSelectElement
      ? 'choice'
      : (element as HTMLInputElement).inputMode === 'decimal'
        ? 'number'
        : 'text',
  )
  if (kind === 'choice') {
    const before = await control.inputValue()
    const atLast = await control.evaluate(
      (select: HTMLSelectElement) => select.selectedIndex === select.options.length - 1,
    )
    await page.keyboard.press(atLast ? 'ArrowUp' : 'ArrowDown')
    await expect(control).not.toHaveValue(before)
    return control.inputValue()
  }
  // Typed over what the line held (Enter selects the next line's text; the first is selected here).
  await page.keyboard.press('Control+A')
  const text = kind === 'number' ? String(60 + index) : `Checked on line ${index + 1}`
  await page.keyboard.type(text)
  return text
}

test('a change HUVR refuses shows its reason on the form and on the Changes screen; it is discarded, undone, fixed and sent; a new defect gets its HUVR id', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000)
  const { api } = await startWithSandboxHuvr(page, host.url)
  const project = await projectToInspect(api)
  const [connection] = (await callCore(page, 'app.status')).connections
  const base = `${host.origin}/#/`
  const assetId = refId((await api.get<{ asset: Ref }>(`/api/projects/${project.id}/`)).asset)!

  // An external id longer than HUVR takes: saved here, refused on push with HUVR's words,
  // which show next to the field.
  await page.goto(`${base}assets/${encodeURIComponent(connection!.id)}/${assetId}`)
  const assetForm = page.getByRole('form', { name: 'Asset details' })
  const externalId = assetForm.getByLabel('External id')
  await externalId.fill('X'.repeat(300))
  await externalId.blur()
  const problem = assetForm.getByRole('alert')
  await expect(problem).toContainText('255', { timeout: 30_000 })
  await expect(page.getByTestId('outbox-failed')).toHaveText('1 failed')
  await expect(
    page.getByRole('alert').filter({ hasText: 'The server refused this change.' }),
  ).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/offline-edit-refused-form.png` })

  // On the Changes screen: the reason, Retry and Discard. Discarding asks, then offers Undo.
  await page.getByTestId('outbox-failed').click()
  const failed = page.getByRole('article').filter({ hasText: 'Edited asset' })
  await expect(failed).toContainText('255')
  await page.screenshot({ path: `${SHOTS}/offline-edit-failed.png` })
  await failed.getByRole('button', { name: 'Discard' }).click()
  await failed
    .getByRole('group', { name: /^Confirm discarding/ })
    .getByRole('button', { name: 'Discard' })
    .click()
  await expect(page.getByRole('heading', { name: 'Failed (0)' })).toBeVisible()
  await expect(page.getByTestId('outbox')).toHaveText('Edits: all sent')
  await page.screenshot({ path: `${SHOTS}/offline-edit-discarded.png` })
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('heading', { name: 'Failed (1)' })).toBeVisible()

  // Fixed on the form: the edit is its resubmission, and HUVR takes it.
  await failed.getByRole('link', { name: 'Open the asset' }).click()
  const fixed = 'E-49003-R2'
  await externalId.fill(fixed)
  await externalId.blur()
  await expect(page.getByTestId('outbox')).toHaveText('Edits: all sent', { timeout: 30_000 })
  await expect(problem).toHaveCount(0)
  await expect
    .poll(
      async () => (await api.get<{ external_id: string }>(`/api/assets/${assetId}/`)).external_id,
    )
    .toBe(fixed)
  await assetForm.locator('xpath=..').getByText('History').click()
  const history = page.getByRole('list', { name: 'History' })
  await expect(history).toContainText('Failed')
  await expect(history).toContainText('Sent')
  // Fields named as the form names them, with the value set.
  await expect(history).toContainText(`Changed External id`)
  await expect(history).toContainText(`External id: ${fixed}`)
  await expect(history).not.toContainText('Changed external_id')
  await history.scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/offline-edit-history.png` })

  // A new defect, recorded on the project; it reaches HUVR and its row takes HUVR's id.
  await page.goto(`${base}projects/${encodeURIComponent(connection!.id)}/${project.id}`)
  await page.getByRole('switch', { name: 'Available offline' }).check()
  await syncFromSyncView(page)
  await page.goto(`${base}projects/${encodeURIComponent(connection!.id)}/${project.id}`)
  const defects = page.getByRole('region', { name: /^Defects/ })
  await expect(defects.getByRole('table', { name: 'Defects' })).toBeVisible()
  await defects.getByRole('button', { name: 'New defect' }).click()
  const form = defects.getByRole('form', { name: 'New defect' })
  await form.getByLabel('Type', { exact: true }).selectOption({ label: 'Crack' })
  await form.getByLabel('Severity').selectOption({ label: 'High' })
  await form.getByLabel('Component').fill('Weld Seam')
  const description = 'Linear indication at the toe of the girth weld, about 12 mm.'
  await form.getByLabel('Description').fill(description)
  await defects.screenshot({ path: `${SHOTS}/offline-edit-new-defect.png` })
  await form.getByRole('button', { name: 'Add defect' }).click()
  const created = defects.getByRole('row').filter({ hasText: description }).first()
  await expect(created).toHaveAttribute('data-sync-state', 'synced', { timeout: 30_000 })
  const createdName = (await created.getAttribute('aria-label'))!
  expect(createdName).toMatch(/^Defect #\d+$/)
  const serverDefect = await api.get<{ description: string; project: Ref }>(
    `/api/defects/${createdName.replace(/\D/g, '')}/`,
  )
  expect([serverDefect.description, refId(serverDefect.project)]).toEqual([description, project.id])
  await defects.screenshot({ path: `${SHOTS}/offline-edit-new-defect-synced.png` })
})

test('a TransAM document description edited while working offline waits, then reaches TransAM', async ({
  page,
  host,
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1366, height: 900 })
  await page.goto(host.url)

  // The sandbox TransAM account, signed in with the sandbox password, and synced.
  const transamUrl = await addSandboxTransamAccount(page)

  // A TransAM asset with documents.
  const { rows } = await callCore(page, 'assets.search', { source: 'transam', limit: 50 })
  let asset: { connectionId: string; key: string; name: string } | null = null
  for (const row of rows) {
    const detail = await callCore(page, 'transam.assets.get', {
      connectionId: row.connectionId,
      key: row.key,
    })
    if (detail.documents.length > 0) {
      asset = { connectionId: row.connectionId, key: row.key, name: row.name }
      break
    }
  }
  expect(asset).not.toBeNull()
  await page.goto(
    `${host.origin}/#/transam/assets/${encodeURIComponent(asset!.connectionId)}/${asset!.key}`,
  )
  const documents = page.getByRole('table', { name: /^Documents of / })
  const description = documents.getByRole('textbox', { name: /^Description of / }).first()
  const documentUpdates = async () => {
    const log = await page.request.get(`${transamUrl}/_simulator/requests`)
    return ((await log.json()) as { method: string; path: string; status: number }[])
      .filter(
        (entry) => ['PATCH', 'PUT'].includes(entry.method) && entry.path.includes('/documents/'),
      )
      .map((entry) => entry.status)
  }

  // With "Work offline" on (from the status bar) the edit is kept here and nothing is sent.
  const workOffline = page.getByRole('switch', { name: 'Work offline' })
  await workOffline.check()
  await expect(page.getByTestId('connections')).toContainText('Working offline')
  const text = 'Pump curve, revision C (checked on site)'
  await description.fill(text)
  await description.blur()
  const firstRow = documents.locator('tbody > tr').first()
  await expect(firstRow.locator('[data-sync-state]')).toHaveAttribute('data-sync-state', 'pending')
  await expect(page.getByTestId('outbox-pending')).toHaveText('1 pending')
  await page.waitForTimeout(3_000)
  expect(await documentUpdates()).toEqual([])
  await page.screenshot({ path: `${SHOTS}/offline-edit-work-offline.png` })

  // Turned off: the edit is sent by itself, and TransAM takes it.
  await workOffline.uncheck()
  await expect.poll(documentUpdates, { timeout: 30_000 }).toEqual([200])
  await expect(firstRow.locator('[data-sync-state]')).toHaveCount(0)
  await expect(page.getByTestId('outbox')).toHaveText('Edits: all sent')
  await expect(description).toHaveValue(text)
  await documents.screenshot({ path: `${SHOTS}/offline-edit-transam-document.png` })
})

test('a project created on an asset with HUVR unreachable takes a defect and a photo, reaches HUVR once, and its page follows to the HUVR id', async ({
  page,
  host,
}) => {
  test.setTimeout(300_000)
  // The sandbox HUVR account, added as a user adds it, and synced.
  const { huvrUrl, api } = await startWithSandboxHuvr(page, host.url)
  const { assetId } = await projectToInspect(api)
  const [connection] = (await callCore(page, 'app.status')).connections
  const connectionId = connection!.id
  const projectUrl = (id: number | string) =>
    new RegExp(`#/projects/${encodeURIComponent(connectionId)}/${id}$`)

  // Out of network from here.
  await setHuvrReachable(page, huvrUrl, false)
  await page.request.delete(`${huvrUrl}/_simulator/requests`)

  // A new project on the asset: only project types HUVR allows for the asset's type are offered.
  await page.goto(`${host.origin}/#/assets/${encodeURIComponent(connectionId)}/${assetId}`)
  const assetProjects = page.getByRole('region', { name: /^Projects/ })
  await assetProjects.getByRole('button', { name: 'New project' }).click()
  const form = assetProjects.getByRole('form', { name: 'New project' })
  const name = 'Shell survey, started on site'
  await form.getByLabel('Name').fill(name)
  const typeSelect = form.getByLabel('Project type')
  const typeOptions = await typeSelect.locator('option').allTextContents()
  expect(typeOptions.length).toBeGreaterThan(1)
  await typeSelect.selectOption({ index: 1 })
  const typeName = typeOptions[1]!
  await form.getByLabel('Start').fill('2031-05-12')
  await form.getByLabel('Priority').fill('High')
  await page.screenshot({ path: `${SHOTS}/offline-project-create-form.png` })
  await form.getByRole('button', { name: 'Create project' }).click()

  // Its page, under its local id.
  await expect(page).toHaveURL(projectUrl('-\\d+'))
  const localId = Number(new URL(page.url()).hash.split('/').at(-1))
  expect(localId).toBeLessThan(0)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByTestId('project-created-here')).toBeVisible()
  await expect(page.locator('.detail-subtitle')).toContainText(typeName)
  await expect(page.getByRole('switch', { name: 'Available offline' })).toBeChecked()

  // A defect on it, which waits for its project.
  const defects = page.getByRole('region', { name: /^Defects/ })
  await defects.getByRole('button', { name: 'New defect' }).click()
  const defectForm = defects.getByRole('form', { name: 'New defect' })
  await defectForm.getByLabel('Type', { exact: true }).selectOption({ label: 'Corrosion' })
  await defectForm.getByLabel('Severity').selectOption({ label: 'Medium' })
  const description = 'Pitting under the insulation at the north manway, about 2 mm deep.'
  await defectForm.getByLabel('Description').fill(description)
  await defectForm.getByRole('button', { name: 'Add defect' }).click()
  const defectRow = defects.locator('tr[aria-label]').filter({ hasText: description })
  await expect(defectRow).toHaveAttribute('data-sync-state', 'pending')
  await expect(defectRow).toHaveAttribute('aria-label', 'New defect')
  await expect(defectRow.getByText('Waits for its project')).toBeVisible()
  await expect(defects.getByRole('form', { name: 'New defect' })).toBeVisible()

  // And a photo, queued until the project has its HUVR id.
  await page
    .getByRole('region', { name: /^Upload photos/ })
    .getByLabel('choose files')
    .setInputFiles(join(PHOTOS, 'Canon_40D.jpg'))
  await expect(page.getByTestId('project-upload-progress')).toContainText('0 of 1 file uploaded')

  const waiting = await callCore(page, 'outbox.list', { state: 'pending' })
  expect(waiting.map((item) => [item.kind, item.op, item.waitingForParent]).sort()).toEqual([
    ['huvr.defect', 'create', true],
    ['huvr.project', 'create', false],
  ])
  await expect(page.getByTestId('outbox-pending')).toHaveText('2 pending')
  await page.getByRole('heading', { level: 1, name }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/offline-project-created.png` })
  await defects.screenshot({ path: `${SHOTS}/offline-project-defect-waiting.png` })
  await page.getByTestId('outbox-pending').click()
  const pendingTable = page.getByRole('table', { name: 'Waiting to be sent' })
  // The heading row and the two changes: the project, and its defect waiting for it.
  await expect(pendingTable.getByRole('row')).toHaveCount(3)
  await expect(pendingTable).toContainText('After the record it belongs to')
  await page.screenshot({ path: `${SHOTS}/offline-project-changes.png` })

  // HUVR answers again: the project goes first, then its defect and photo; the page moves on.
  await page.goBack()
  await expect(page).toHaveURL(projectUrl(localId))
  // The defect's form, opened now, must still be open once the page has moved to HUVR's id:
  // the page is not rebuilt under the inspector.
  await defects.getByRole('button', { name: 'Edit New defect' }).click()
  await expect(defects.getByRole('form', { name: 'New defect' })).toBeVisible()
  await setHuvrReachable(page, huvrUrl, true)
  await expect(page).toHaveURL(projectUrl('\\d+'), { timeout: 180_000 })
  const serverId = Number(new URL(page.url()).hash.split('/').at(-1))
  expect(serverId).toBeGreaterThan(0)
  await expect(page.getByTestId('outbox')).toHaveText('Edits: all sent', { timeout: 60_000 })
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByTestId('project-created-here')).toHaveCount(0)
  const syncedRow = defects.locator('tr[aria-label]').filter({ hasText: description })
  await expect(syncedRow).toHaveAttribute('data-sync-state', 'synced')
  const defectName = (await syncedRow.getAttribute('aria-label'))!
  expect(defectName).toMatch(/^Defect #\d+$/)
  await expect(defects.getByRole('form', { name: defectName })).toBeVisible()
  await expect(page.getByTestId('project-upload-progress')).toContainText('1 of 1 file uploaded', {
    timeout: 60_000,
  })
  await defects.screenshot({ path: `${SHOTS}/offline-project-defect-synced.png` })
  await page.getByRole('heading', { level: 1, name }).scrollIntoViewIfNeeded()
  await page.screenshot({ path: `${SHOTS}/offline-project-synced.png` })

  // HUVR has the project once, on the asset, and the defect and photo once, on the project.
  const projects = await api.get<HuvrListPage<{ id: number; asset: Ref; priority: string }>>(
    `/api/projects/?name=${encodeURIComponent(name)}`,
  )
  expect(projects.results.map((each) => [each.id, refId(each.asset), each.priority])).toEqual([
    [serverId, assetId, 'High'],
  ])
  const serverDefects = await api.get<HuvrListPage<{ id: number; description: string }>>(
    `/api/defects/?project=${serverId}&limit=100`,
  )
  expect(serverDefects.results.map((each) => [`Defect #${each.id}`, each.description])).toEqual([
    [defectName, description],
  ])
  const media = await api.get<HuvrListPage<unknown>>(
    `/api/inspection-media/?project=${serverId}&limit=100`,
  )
  expect(media.count).toBe(1)
  const log = (await (await page.request.get(`${huvrUrl}/_simulator/requests`)).json()) as {
    method: string
    path: string
    status: number | null
    body?: Record<string, unknown>
  }[]
  const creates = (path: string) =>
    log.filter((entry) => entry.method === 'POST' && entry.path === path && entry.status === 201)
  expect(creates('/api/projects/')).toHaveLength(1)
  expect(creates('/api/defects/').map((entry) => entry.body?.['project'])).toEqual([serverId])

  // An address with the local id, opened again in this window, leads to the project's page
  // under HUVR's id.
  const localAddress = `${host.origin}/#/projects/${encodeURIComponent(connectionId)}/${localId}`
  await page.goto(localAddress)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  // So does it in a new window, which has no memory of the push (a reload, a restart).
  const fresh = await page.context().newPage()
  await fresh.goto(localAddress)
  await expect(fresh).toHaveURL(projectUrl(serverId))
  await expect(fresh.getByRole('heading', { level: 1, name })).toBeVisible()
  await fresh.close()
})
