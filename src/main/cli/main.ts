import { spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, InvalidArgumentError, Option } from 'commander'
import { startSandbox } from '../../sandbox'
import type { Core } from '../core/create-core'
import { APP_VERSION } from '../core/version'
import { startBrowserHost } from '../host/browser-host'
import { findElectronBinary } from '../host/electron-runtime'
import { openInChromium } from '../host/open-browser'
import { startSandboxWhenNeeded } from '../host/workspace'
import { createNodeCore, defaultDataDir } from '../platform/node-core'
import { createInProcessClient } from '../rpc/in-process'
import { createSilentLogger } from '../log/logger'
import { formatStatus, formatSyncOutcome } from './format'
import { runSyncCommand } from './sync-command'
import { queueListing, runUploadCommand } from './upload-command'
import { untilSignal } from './signals'

const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../../../..')

/** Exit codes scripts can rely on. */
export const EXIT = { ok: 0, failed: 1, usage: 64, startup: 2 } as const

/** Progress and diagnostics go to stderr; stdout carries only the machine-readable output. */
const say = (line: string) => process.stderr.write(`${line}\n`)
const print = (line: string) => process.stdout.write(`${line}\n`)

function parsePositiveInteger(value: string): number {
  const id = Number(value)
  if (!Number.isInteger(id) || id <= 0) {
    throw new InvalidArgumentError('expected a HUVR id (a positive integer)')
  }
  return id
}

function collectProjectId(value: string, previous: number[]): number[] {
  return [...previous, parsePositiveInteger(value)]
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535')
  }
  return port
}

/** Opens the core, or reports why it cannot start and returns null. */
function openCore(dataDir: string): Core | null {
  const core = createNodeCore({ dataDir, mode: 'cli' })
  if (core.startupError) {
    say(`fieldstation: ${core.startupError.message}`)
    say(core.startupError.hint)
    core.close()
    process.exitCode = EXIT.startup
    return null
  }
  return core
}

export function buildProgram(): Command {
  const program = new Command('fieldstation')
    .description('Fieldstation: the offline-first workstation for field inspectors.')
    .version(APP_VERSION)
    .addOption(
      new Option('--data-dir <dir>', 'where the cache, settings and logs live')
        .env('FIELDSTATION_DATA_DIR')
        .default(defaultDataDir()),
    )
    .showHelpAfterError()
  const dataDir = () => resolve(program.opts<{ dataDir: string }>().dataDir)

  program
    .command('status')
    .description('show the schema version, cached record counts, outbox and upload queue sizes')
    .option('--json', 'print one JSON object')
    .action(async (options: { json?: boolean }) => {
      const core = openCore(dataDir())
      if (!core) return
      try {
        const result = await createInProcessClient(core.dispatcher, core.events).call(
          'app.status',
          {},
        )
        if (!result.ok) {
          say(`fieldstation: ${result.error.message}`)
          process.exitCode = EXIT.failed
          return
        }
        print(options.json ? JSON.stringify(result.value) : formatStatus(result.value))
      } finally {
        core.close()
      }
    })

  program
    .command('sync')
    .description(
      'pull every account into the offline cache (HUVR_URL, HUVR_CLIENT_ID, HUVR_CLIENT_SECRET add one)',
    )
    .option(
      '--json',
      'print one JSON summary: per connection and kind fetched, created, updated, deleted, errors',
    )
    .option('--full', 'crawl everything (and find remote deletions) instead of asking for changes')
    .option(
      '--offline-project <id>',
      'make a HUVR project available offline (repeatable)',
      collectProjectId,
      [],
    )
    .action(async (options: { json?: boolean; full?: boolean; offlineProject: number[] }) => {
      const core = openCore(dataDir())
      if (!core) return
      try {
        const outcome = await runSyncCommand(core, options, say)
        if (options.json) print(JSON.stringify(outcome))
        else print(formatSyncOutcome(outcome))
        if (!outcome.ok) process.exitCode = EXIT.failed
      } finally {
        core.close()
      }
    })

  program
    .command('upload')
    .description('copy files (folders too) into Fieldstation and upload them; resumes after a kill')
    .argument('<paths...>', 'files or folders')
    .option('--huvr-project <id>', 'the HUVR project the media go to', parsePositiveInteger)
    .option(
      '--transam-asset <key>',
      'the TransAM asset (object_key) the documents go to; 4 MB at most each',
    )
    .option('--description <text>', 'a description for every file')
    .option('--json', 'print one JSON summary: per file its state, remote id and any error')
    .action(
      async (
        paths: string[],
        options: {
          huvrProject?: number
          transamAsset?: string
          description?: string
          json?: boolean
        },
      ) => {
        const core = openCore(dataDir())
        if (!core) return
        try {
          const outcome = await runUploadCommand(core, paths, options, say)
          if (options.json) print(JSON.stringify(outcome))
          else
            for (const file of outcome.files)
              print(
                `${file.ok ? 'uploaded' : 'NOT uploaded'}\t${file.path}${file.error ? `\t${file.error}` : ''}`,
              )
          if (!outcome.ok) process.exitCode = EXIT.failed
        } catch (error) {
          say(`fieldstation: ${error instanceof Error ? error.message : String(error)}`)
          process.exitCode = EXIT.failed
        } finally {
          core.close()
        }
      },
    )

  program
    .command('queue')
    .description('list the upload queue: every job with its state')
    .option('--json', 'print one JSON array')
    .action((options: { json?: boolean }) => {
      const core = openCore(dataDir())
      if (!core) return
      try {
        const jobs = queueListing(core)
        if (options.json) print(JSON.stringify(jobs))
        else
          for (const job of jobs)
            print(
              `${job.id}\t${job.state}\t${job.filename}${job.lastError ? `\t${job.lastError}` : ''}`,
            )
      } finally {
        core.close()
      }
    })

  program
    .command('sandbox')
    .description('run the simulators of every system on 127.0.0.1 until Ctrl-C or SIGTERM')
    .option(
      '--json',
      'print one line of JSON (system → base URL and credentials) once all are ready',
    )
    .option(
      '--port-base <n>',
      'give each system port n + its index, for predictable URLs',
      parsePort,
    )
    .action(async (options: { json?: boolean; portBase?: number }) => {
      const sandbox = await startSandbox(
        options.portBase === undefined ? {} : { portBase: options.portBase },
      )
      if (options.json) {
        print(JSON.stringify(sandbox.systems))
      } else {
        for (const [system, endpoint] of Object.entries(sandbox.systems)) {
          print(`${system}\t${endpoint.baseUrl}\t${JSON.stringify(endpoint.credentials)}`)
        }
        say('Simulators running. Press Ctrl-C to stop.')
      }
      await untilSignal()
      await sandbox.stop()
    })

  program
    .command('start')
    .description('start the app: Electron where its runtime exists, otherwise browser mode')
    .option('--browser', 'use browser mode even where Electron is available')
    .option('--port <n>', 'browser mode: port on 127.0.0.1 (default: a free one)', parsePort)
    .option('--no-open', 'browser mode: do not open a Chromium window')
    .option('--json', 'browser mode: print one line of JSON {url, token, port} once serving')
    .action(
      async (options: { browser?: boolean; port?: number; open: boolean; json?: boolean }) => {
        const electron = options.browser ? null : findElectronBinary()
        if (electron) {
          const child = spawn(electron, [PROJECT_ROOT], {
            stdio: 'inherit',
            env: { ...process.env, FIELDSTATION_DATA_DIR: dataDir() },
          })
          await new Promise<void>((done) =>
            child.on('exit', (code) => ((process.exitCode = code ?? EXIT.failed), done())),
          )
          return
        }
        if (!options.browser)
          say('Electron runtime not available on this machine: starting browser mode instead.')
        await runBrowserMode(dataDir(), options)
      },
    )

  return program
}

async function runBrowserMode(
  dataDir: string,
  options: { port?: number; open: boolean; json?: boolean },
): Promise<void> {
  const core = createNodeCore({ dataDir, mode: 'browser' })
  const sandbox = await startSandboxWhenNeeded(core)
  // Uploads left queued by the last run carry on as soon as the app is up.
  if (core.db) {
    core.uploads.start()
    core.pushScheduler.start()
  }
  const host = await startBrowserHost({
    dispatcher: core.dispatcher,
    events: core.events,
    files: core.files,
    stagingDir: join(dataDir, 'staging'),
    rendererDir: join(PROJECT_ROOT, 'out', 'renderer'),
    log: createSilentLogger(),
    ...(options.port === undefined ? {} : { port: options.port }),
  })
  if (options.json) print(JSON.stringify({ url: host.url, token: host.token, port: host.port }))
  else print(host.url)
  if (core.startupError) say(`fieldstation: ${core.startupError.message} The app shows this too.`)
  if (sandbox) say('No account configured: using the built-in sandbox workspace.')
  if (options.open && !openInChromium(host.url, join(dataDir, 'browser-profile'))) {
    say('Open the URL above in a browser (it carries this run’s access token).')
  }
  await untilSignal()
  await host.close()
  await sandbox?.stop()
  core.close()
}

export async function main(argv: string[]): Promise<void> {
  await buildProgram().parseAsync(argv)
}
