import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { test as base } from '@playwright/test'

export interface BrowserHostProcess {
  /** The printed URL, carrying the token. */
  url: string
  /** The host's origin, without the token. */
  origin: string
  token: string
  dataDir: string
}

/**
 * Starts `fieldstation start --browser` on a fresh data folder, exactly as a user would, and
 * reads the one JSON line it prints once serving. Pass `dataDir` to reuse a prepared folder.
 */
export async function startHost(
  dataDir = mkdtempSync(join(tmpdir(), 'fieldstation-e2e-')),
): Promise<{
  host: BrowserHostProcess
  stop: () => Promise<void>
}> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/fieldstation.js', '--data-dir', dataDir, 'start', '--browser', '--no-open', '--json'],
    {
      env: { ...process.env, FIELDSTATION_KEY_DIR: join(dataDir, 'keys') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${stderr}`)))
  })
  const { url, token, port } = JSON.parse(line) as { url: string; token: string; port: number }
  return {
    host: { url, token, origin: `http://127.0.0.1:${port}`, dataDir },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

export const test = base.extend<{ host: BrowserHostProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  host: async ({}, use) => {
    const { host, stop } = await startHost()
    await use(host)
    await stop()
  },
})

export { expect } from '@playwright/test'
