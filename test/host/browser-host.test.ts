import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { Core } from '../../src/main/core/create-core'
import { startBrowserHost, type BrowserHost } from '../../src/main/host/browser-host'
import { createSilentLogger } from '../../src/main/log/logger'
import { createTestCore } from '../support/core'
import { photo } from '../support/fixtures'
import { tempDir } from '../support/temp'

let running: { host: BrowserHost; core: Core } | null = null

async function start(): Promise<BrowserHost> {
  return (await startWithCore()).host
}

async function startWithCore(stagingDir = tempDir()): Promise<{ host: BrowserHost; core: Core }> {
  const rendererDir = tempDir()
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Fieldstation</title>')
  const core = createTestCore()
  const host = await startBrowserHost({
    dispatcher: core.dispatcher,
    events: core.events,
    files: core.files,
    stagingDir,
    rendererDir,
    log: createSilentLogger(),
  })
  running = { host, core }
  return running
}

afterEach(async () => {
  await running?.host.close()
  running?.core.close()
  running = null
})

function rpc(host: BrowserHost, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`http://127.0.0.1:${host.port}/rpc`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${host.token}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error
}

/** Opens a socket and resolves with the HTTP status of a refused upgrade, or 101 once open. */
function openSocket(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; socket: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers })
    socket.once('open', () => resolve({ status: 101, socket }))
    socket.once('unexpected-response', (_req, res) =>
      resolve({ status: res.statusCode ?? 0, socket }),
    )
    socket.once('error', () => undefined)
  })
}

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only', async () => {
    const host = await start()
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
  })

  it('trades the URL token for an HttpOnly SameSite cookie that then opens every request', async () => {
    const host = await start()
    const exchange = await fetch(host.url, { redirect: 'manual' })
    expect(exchange.status).toBe(303)
    const cookie = exchange.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const page = await fetch(`http://127.0.0.1:${host.port}/`, {
      headers: { Cookie: cookie.split(';')[0]! },
    })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const wrong = await fetch(`http://127.0.0.1:${host.port}/?token=guess`, { redirect: 'manual' })
    expect(wrong.status).toBe(401)
  })

  it('refuses static files and calls without the token', async () => {
    const host = await start()
    expect((await fetch(`http://127.0.0.1:${host.port}/index.html`)).status).toBe(401)
    expect((await rpc(host, { method: 'app.info' }, { Authorization: 'Bearer nope' })).status).toBe(
      401,
    )
  })

  it('refuses a rebound Host name and a foreign Origin', async () => {
    const host = await start()
    // fetch does not let a caller set Host, so speak HTTP through the ws client's raw request path instead.
    const rebound = await openSocket(`ws://127.0.0.1:${host.port}/events`, {
      Host: 'attacker.example',
      Authorization: `Bearer ${host.token}`,
    })
    expect(rebound.status).toBe(421)
    expect(
      (await rpc(host, { method: 'app.info' }, { Origin: 'https://attacker.example' })).status,
    ).toBe(403)
    expect(
      (await rpc(host, { method: 'app.info' }, { Origin: `http://127.0.0.1:${host.port}` })).status,
    ).toBe(200)
  })

  it('answers malformed bodies with invalid-request and oversized ones without reading them whole', async () => {
    const host = await start()
    const malformed = await rpc(host, '{"method":')
    expect(malformed.status).toBe(400)
    expect((await errorOf(malformed)).code).toBe('invalid-request')
    const wrongShape = await rpc(host, { procedure: 'app.info' })
    expect((await errorOf(wrongShape)).code).toBe('invalid-request')
    const huge = await rpc(host, {
      method: 'settings.update',
      params: { pad: 'x'.repeat(2 * 1024 * 1024) },
    })
    expect(huge.status).toBe(400)
    expect((await errorOf(huge)).message).toMatch(/limited/)
    const formPost = await rpc(host, 'method=app.info', {
      'Content-Type': 'application/x-www-form-urlencoded',
    })
    expect(formPost.status).toBe(415)
  })

  it('serves files from the app’s own store by sha256 and refuses every other path', async () => {
    const { host, core } = await startWithCore()
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const sha256 = core.files.put(png)
    const headers = { Authorization: `Bearer ${host.token}` }
    const base = `http://127.0.0.1:${host.port}`
    const served = await fetch(`${base}/files/${sha256}`, { headers })
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
    for (const outside of [
      '..%2F..%2Ffieldstation.db',
      '%2Fetc%2Fpasswd',
      `${sha256.slice(0, 2)}%2F${sha256}`,
      'a'.repeat(64),
    ]) {
      expect((await fetch(`${base}/files/${outside}`, { headers })).status).toBe(404)
    }
    expect((await fetch(`${base}/files/${sha256}`)).status).toBe(401)
  })

  it('receives a dropped file, imports it for upload, and leaves no staged copy', async () => {
    const { host, core } = await startWithCore()
    core
      .db!.prepare(
        "INSERT INTO connections (id, system, name, base_url, created_at) VALUES ('h', 'huvr', 'H', 'u', 0)",
      )
      .run()
    const bytes = readFileSync(photo('gps/DSCN0010.jpg'))
    const query = new URLSearchParams({
      filename: 'DSCN0010.jpg',
      kind: 'huvr.project',
      connectionId: 'h',
      id: '7',
    })
    const refused = await fetch(`http://127.0.0.1:${host.port}/import?${query}`, {
      method: 'POST',
      body: bytes,
    })
    expect(refused.status).toBe(401)
    const response = await fetch(`http://127.0.0.1:${host.port}/import?${query}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}` },
      body: bytes,
    })
    expect(response.status).toBe(200)
    const answer = (await response.json()) as {
      ok: boolean
      value: { ok: boolean; path: string }[]
    }
    expect(answer).toMatchObject({ ok: true, value: [{ ok: true, alreadyQueued: false }] })
    const job = core.db!.prepare('SELECT filename, size, content_sha256 FROM upload_jobs').get()
    expect(job).toEqual({
      filename: 'DSCN0010.jpg',
      size: bytes.length,
      content_sha256: createHash('sha256').update(bytes).digest('hex'),
    })
    expect(existsSync(answer.value[0]!.path)).toBe(false)
  })

  it('clears staging left idle by a crash, not a file another host is still receiving', async () => {
    const stagingDir = tempDir()
    mkdirSync(join(stagingDir, 'import-old'))
    writeFileSync(join(stagingDir, 'import-old', 'IMG_1.JPG'), 'half a photo')
    const anHourAgo = new Date(Date.now() - 60 * 60_000)
    utimesSync(join(stagingDir, 'import-old', 'IMG_1.JPG'), anHourAgo, anHourAgo)
    utimesSync(join(stagingDir, 'import-old'), anHourAgo, anHourAgo)
    mkdirSync(join(stagingDir, 'import-live'))
    writeFileSync(join(stagingDir, 'import-live', 'IMG_2.JPG'), 'arriving')
    await startWithCore(stagingDir)
    expect(readdirSync(stagingDir)).toEqual(['import-live'])
  })

  it('pushes core events over an authorised socket and refuses unauthorised ones', async () => {
    const host = await start()
    const denied = await openSocket(`ws://127.0.0.1:${host.port}/events`, {})
    expect(denied.status).toBe(401)
    const foreign = await openSocket(`ws://127.0.0.1:${host.port}/events`, {
      Authorization: `Bearer ${host.token}`,
      Origin: 'https://attacker.example',
    })
    expect(foreign.status).toBe(403)

    const { status, socket } = await openSocket(`ws://127.0.0.1:${host.port}/events`, {
      Authorization: `Bearer ${host.token}`,
    })
    expect(status).toBe(101)
    const message = new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    )
    await rpc(host, { method: 'settings.update', params: { workOffline: true } })
    expect(await message).toMatchObject({
      event: 'settings.changed',
      payload: { workOffline: true },
    })
    socket.close()
  })
})
