import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the real `fieldstation` bin with the current Node, as a script would. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawnCli(args, env)
    let stdout = ''
    let stderr = ''
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, stdout, stderr }))
  })
}

export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn(
    process.execPath,
    [join(import.meta.dirname, '../../bin/fieldstation.js'), ...args],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
}

/**
 * The environment for a CLI run on a data folder with a HUVR account from HUVR_* variables (the
 * key folder beside the data, as the test core keeps it).
 */
export function huvrCliEnv(
  dataDir: string,
  sim: { baseUrl: string; credentials: { client_id: string; client_secret: string } },
): NodeJS.ProcessEnv {
  return {
    FIELDSTATION_KEY_DIR: join(dataDir, 'keys'),
    HUVR_URL: sim.baseUrl,
    HUVR_CLIENT_ID: sim.credentials.client_id,
    HUVR_CLIENT_SECRET: sim.credentials.client_secret,
  }
}
