import { createInterface } from 'node:readline'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LATEST_SCHEMA_VERSION } from '../../src/main/db/migrations'
import { appStatusSchema } from '../../src/shared/rpc/contract'
import { runCli, spawnCli } from '../support/cli'
import { tempDir } from '../support/temp'

describe('fieldstation CLI', () => {
  it('prints help listing its commands', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/--data-dir/)
    for (const command of ['status', 'sandbox', 'start']) expect(run.stdout).toContain(command)
  })

  it('status --json prints one valid JSON object with the schema version', async () => {
    const dataDir = tempDir()
    const run = await runCli(['--data-dir', dataDir, 'status', '--json'], {
      FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
    })
    expect(run.code).toBe(0)
    const status = appStatusSchema.parse(JSON.parse(run.stdout))
    expect(status.schemaVersion).toBe(LATEST_SCHEMA_VERSION)
    expect(status.dataDir).toBe(dataDir)
    expect(status.outbox.total).toBe(0)
  })

  it('takes the data folder from FIELDSTATION_DATA_DIR', async () => {
    const dataDir = tempDir()
    const run = await runCli(['status', '--json'], {
      FIELDSTATION_DATA_DIR: dataDir,
      FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
    })
    expect(JSON.parse(run.stdout).dataDir).toBe(dataDir)
  })

  it('status on a corrupt database explains on stderr, prints nothing on stdout and exits 2', async () => {
    const dataDir = tempDir()
    writeFileSync(join(dataDir, 'fieldstation.db'), 'garbage'.repeat(1000))
    const run = await runCli(['--data-dir', dataDir, 'status', '--json'], {
      FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
    })
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('damaged or unreadable')
  })

  it('rejects a bad port with a usage error', async () => {
    const run = await runCli(['sandbox', '--port-base', 'eighty'])
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('port')
  })

  it('sandbox --json prints one JSON line once ready and stops cleanly on SIGTERM', async () => {
    const child = spawnCli(['sandbox', '--json', '--port-base', '28100'])
    const line = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout! }).once('line', resolve),
    )
    const systems = JSON.parse(line) as Record<
      string,
      { baseUrl: string; credentials: Record<string, string> }
    >
    expect(systems.huvr?.baseUrl).toBe('http://127.0.0.1:28100')
    expect(systems.huvr?.credentials.client_id).toMatch(/@/)
    for (const endpoint of Object.values(systems)) {
      expect(endpoint.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:281\d\d/)
    }
    // The printed credentials really open the simulator.
    const signIn = await fetch(`${systems.huvr!.baseUrl}/api/auth/obtain-access-token/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(systems.huvr!.credentials),
    })
    expect(signIn.status).toBe(200)
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  })
})
