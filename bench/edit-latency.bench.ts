// Edit-to-visible in the renderer: the browser-mode host on a fresh data folder with the sandbox
// HUVR, opened in Chromium on a project (available offline, "Work offline" on so nothing is
// sent meanwhile). A defect's State is changed in its form, as an inspector picks a value, and
// the page itself times, from that input event (its timeStamp) to the DOM showing:
//   - the form's "not sent yet" mark on the field: the answer of records.update, rendered;
//   - the defect's row in the project's list with the new sync state and the new value: the
//     list reads both back from the core (records.listByProject) after record.changed;
//   - the status bar's count of unsent edits: read back (outbox.counts) after outbox.changed.
// Edits alternate between another state and the server's: each one turns the record pending, or
// back to synced (an edit back to the server's value is no change left to send), so each moves
// every one of those places. Times are taken when the DOM changes (a MutationObserver), before
// the frame is painted. Two series: back to back (each edit once the previous shows everywhere)
// and paced (one every PACE_MS). Baseline, interleaved with the edits: the bare RPC round trip
// from the page (fetch of /rpc records.get of the same defect).
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { chromium, type Page } from '@playwright/test'
import type { Result } from '../src/shared/rpc/contract'
import type { MethodName } from '../src/shared/rpc/names'
import { percentile, type BenchReport } from './report'

const EDITS = Number(process.env.BENCH_EDITS ?? 100)
const WARM_UP_EDITS = 6
/** The paced series: an edit every so often, as a person moves from field to field. */
const PACE_MS = 500
const ROOT = join(import.meta.dirname, '..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

interface Host {
  url: string
  origin: string
  stop(): Promise<void>
}

/** `fieldstation start --browser` on a fresh data folder, as the e2e tests start it. */
async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'bin/fieldstation.js'),
      '--data-dir',
      dataDir,
      'start',
      '--browser',
      '--no-open',
      '--json',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, FIELDSTATION_KEY_DIR: join(dataDir, 'keys') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)))
  })
  const { url, port } = JSON.parse(line) as { url: string; port: number }
  return {
    url,
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

/** The core, called as the renderer calls it in browser mode (same origin, token cookie). */
async function callCore<M extends MethodName>(
  page: Page,
  method: M,
  params: object = {},
): Promise<Result<M>> {
  const response = await page.request.post('/rpc', { data: { method, params } })
  const answer = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown }
  if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`)
  return answer.value as Result<M>
}

/** Runs a sync of the account and waits until it is over (setup only: not measured). */
async function syncAndWait(page: Page, connectionId: string): Promise<void> {
  const before = (await callCore(page, 'sync.status')).last.find(
    (result) => result.connectionId === connectionId,
  )?.finishedAt
  await callCore(page, 'sync.run', { connectionId })
  for (;;) {
    const status = await callCore(page, 'sync.status')
    const last = status.last.find((result) => result.connectionId === connectionId)
    if (!status.running.includes(connectionId) && last && last.finishedAt !== before) {
      if (!last.ok) throw new Error(`sync failed: ${last.error ?? JSON.stringify(last.kinds)}`)
      return
    }
    await sleep(200)
  }
}

/**
 * Runs in the page. `arm` starts watching before an edit: the first `input` event gives t0 (its
 * timeStamp, on the same clock as performance.now()), then every DOM change checks the places
 * the edit must reach, noting when each first shows it. `wait` answers those times in ms.
 */
const PROBE = String.raw`
window.__editProbe = {
  arm(spec) {
    const times = { mark: null, rowState: null, rowValue: null, status: null }
    let t0 = null
    const form = () => document.querySelector('form[aria-label="' + spec.form + '"]')
    const row = () => document.querySelector('tr[aria-label="' + spec.row + '"]')
    const fieldLabel = () =>
      [...(form()?.querySelectorAll('label') ?? [])].find(
        (label) => label.firstChild?.textContent?.trim() === spec.field,
      )
    const checks = {
      mark: () => Boolean(fieldLabel()?.querySelector('.pending-mark')) === spec.pending,
      rowState: () => row()?.getAttribute('data-sync-state') === (spec.pending ? 'pending' : 'synced'),
      rowValue: () => row()?.cells[spec.cell]?.textContent?.trim() === spec.valueLabel,
      status: () =>
        spec.pending
          ? document.querySelector('[data-testid="outbox-pending"]')?.textContent === '1 pending'
          : document.querySelector('[data-testid="outbox"]')?.textContent === 'Edits: all sent',
    }
    this.done = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        observer.disconnect()
        reject(new Error('not all shown within 10 s: ' + JSON.stringify(times)))
      }, 10000)
      const check = () => {
        if (t0 === null) return
        const now = performance.now()
        for (const key of Object.keys(checks))
          if (times[key] === null && checks[key]()) times[key] = now - t0
        if (Object.values(times).every((time) => time !== null)) {
          observer.disconnect()
          clearTimeout(timer)
          resolve(times)
        }
      }
      const observer = new MutationObserver(check)
      observer.observe(document.body, {
        subtree: true, childList: true, attributes: true, characterData: true,
      })
      document.addEventListener('input', (event) => { t0 = event.timeStamp }, {
        capture: true, once: true,
      })
    })
  },
  wait() { return this.done },
  async rpcRoundTrip(body) {
    const started = performance.now()
    const response = await fetch('/rpc', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const answer = await response.json()
    if (!answer.ok) throw new Error(JSON.stringify(answer.error))
    return performance.now() - started
  },
}
`

interface Times {
  mark: number
  rowState: number
  rowValue: number
  status: number
}

export async function run(): Promise<BenchReport> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html')))
    throw new Error('The renderer is not built: run `npm run build` first.')
  const dir = mkdtempSync(join(tmpdir(), 'fieldstation-edit-latency-'))
  const host = await startHost(dir)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const context = await browser.newContext({
      baseURL: host.origin,
      viewport: { width: 1366, height: 900 },
    })
    const page = await context.newPage()
    await page.goto(host.url)
    await page.getByRole('link', { name: 'Settings', exact: true }).waitFor()

    // The sandbox HUVR account, synced; a project with defects, made available offline.
    const preset = (await callCore(page, 'connections.sandboxPresets')).find(
      (each) => each.system === 'huvr',
    )
    if (!preset) throw new Error('no sandbox HUVR preset')
    const { id: connectionId } = await callCore(page, 'connections.addHuvr', {
      name: 'Sandbox HUVR',
      baseUrl: preset.baseUrl,
      clientId: preset.credentials['client_id'] ?? '',
      clientSecret: preset.credentials['client_secret'] ?? '',
    })
    await syncAndWait(page, connectionId)
    const projectId = await projectWithDefects(page, preset.baseUrl, preset.credentials)
    await callCore(page, 'projects.setAvailableOffline', {
      connectionId,
      id: projectId,
      available: true,
    })
    await syncAndWait(page, connectionId)
    // Nothing is sent while measuring: the edits stay in the outbox.
    await callCore(page, 'settings.update', { workOffline: true })

    await page.goto(`${host.origin}/#/projects/${encodeURIComponent(connectionId)}/${projectId}`)
    const defects = page.getByRole('region', { name: /^Defects/ })
    const editButton = defects.getByRole('button', { name: /^Edit Defect #\d+$/ }).first()
    await editButton.waitFor()
    const row = ((await editButton.getAttribute('aria-label')) ?? '').replace(/^Edit /, '')
    const defectId = row.replace(/\D/g, '')
    await editButton.click()
    const form = defects.getByRole('form', { name: row })
    const state = form.getByLabel('State')
    await state.waitFor()
    const serverValue = await state.inputValue()
    const options: { value: string; label: string }[] = []
    for (const option of await state.locator('option').all())
      options.push({
        value: (await option.getAttribute('value')) ?? '',
        label: (await option.innerText()).trim(),
      })
    const other = options.find((option) => option.value !== '' && option.value !== serverValue)
    const server = options.find((option) => option.value === serverValue)
    if (!other || !server) throw new Error(`no second State for ${row} (now "${serverValue}")`)
    await page.evaluate(PROBE)

    const recordsGet = {
      method: 'records.get',
      params: { connectionId, kind: 'huvr.defect', id: defectId },
    }
    /**
     * One series of edits. Back to back (`paceMs` null): each as soon as the previous one shows
     * everywhere, faster than a person, so the reloads' rate limits show. Paced: one edit every
     * `paceMs`, as an inspector moving from field to field.
     */
    const series = async (count: number, paceMs: number | null) => {
      const samples: Times[] = []
      const roundTrips: number[] = []
      for (let index = 0; index < count; index += 1) {
        const started = performance.now()
        // Even edits make the defect pending; odd ones set the server's value back.
        const target = index % 2 === 0 ? other : server
        roundTrips.push(
          (await page.evaluate(
            `window.__editProbe.rpcRoundTrip(${JSON.stringify(recordsGet)})`,
          )) as number,
        )
        await page.evaluate(
          `window.__editProbe.arm(${JSON.stringify({
            form: row,
            row,
            field: 'State',
            cell: 3,
            valueLabel: target.label,
            pending: target === other,
          })})`,
        )
        await state.selectOption(target.value)
        samples.push((await page.evaluate('window.__editProbe.wait()')) as Times)
        if (paceMs !== null) await sleep(Math.max(0, paceMs - (performance.now() - started)))
      }
      return { samples, roundTrips }
    }
    await series(WARM_UP_EDITS, null)
    const backToBack = await series(EDITS, null)
    const paced = await series(EDITS, PACE_MS)

    const figures: BenchReport['figures'] = []
    const add = (
      run: Awaited<ReturnType<typeof series>>,
      what: string,
      label: string,
      time: (sample: Times) => number,
    ) => {
      for (const at of [50, 95])
        figures.push({
          label: `${label} p${at} (${EDITS} edits, ${what})`,
          value: percentile(run.samples.map(time), at),
          unit: 'ms',
          baseline: {
            label: `bare RPC round trip from the page (records.get) p${at}`,
            value: percentile(run.roundTrips, at),
          },
        })
    }
    const places: [string, (sample: Times) => number][] = [
      ['edit → the field’s “not sent yet” mark (records.update answer)', (t) => t.mark],
      [
        'edit → sync state and value in the project’s defect list (read back)',
        (t) => Math.max(t.rowState, t.rowValue),
      ],
      ['edit → status bar count of unsent edits (read back)', (t) => t.status],
    ]
    for (const [label, time] of places) add(backToBack, 'back to back', label, time)
    for (const [label, time] of places.slice(1)) add(paced, `one every ${PACE_MS} ms`, label, time)
    return { name: 'edit-to-visible in the renderer (browser mode, Chromium)', figures }
  } finally {
    await browser.close()
    await host.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A project with at least one defect, found on the simulator as another HUVR client would. */
async function projectWithDefects(
  page: Page,
  baseUrl: string,
  credentials: Record<string, string>,
): Promise<number> {
  const signIn = await page.request.post(`${baseUrl}/api/auth/obtain-access-token/`, {
    data: credentials,
  })
  const { access_token: token, token_type: type } = (await signIn.json()) as {
    access_token: string
    token_type: string
  }
  const response = await page.request.get(`${baseUrl}/api/defects/?limit=1&ordering=id`, {
    headers: { authorization: `${type} ${token}` },
  })
  const { results } = (await response.json()) as {
    results: { project: number | { id: number } }[]
  }
  const project = results[0]?.project
  if (project === undefined) throw new Error('the sandbox has no defects')
  return typeof project === 'number' ? project : project.id
}
