import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppInfo } from '../../shared/rpc/contract'
import { openDatabase, schemaVersion, type Database } from '../db/database'
import { StartupError } from '../db/errors'
import type { Logger } from '../log/logger'
import type { Clock, SecretStore, SettingsStore } from '../platform/ports'
import { createDispatcher, RpcError, type Dispatcher, type Handlers } from '../rpc/dispatcher'
import { createEventBus, type EventBus } from './events'
import { readStatus } from './status'
import { APP_NAME, APP_VERSION } from './version'

export interface CoreOptions {
  dataDir: string
  mode: AppInfo['mode']
  settings: SettingsStore
  secrets: SecretStore
  clock: Clock
  log: Logger
  /** Tests turn this on so every result is checked against the contract. */
  checkResults?: boolean
}

export interface Core {
  readonly dispatcher: Dispatcher
  readonly events: EventBus
  /** null when the database could not be opened: only app.info answers then. */
  readonly db: Database | null
  readonly startupError: StartupError | null
  /** Marks this run as the built-in sandbox workspace (no real account configured). */
  enterSandboxWorkspace(): void
  close(): void
}

export const DATABASE_FILE = 'fieldstation.db'

/**
 * The composition root shared by Electron, browser mode and the CLI. A database that cannot be
 * opened does not throw here: the core comes up degraded, answers app.info with the reason and
 * refuses everything else, so each host can show the error instead of crashing.
 */
export function createCore(options: CoreOptions): Core {
  const { dataDir, log } = options
  mkdirSync(dataDir, { recursive: true })
  const events = createEventBus()

  let workspace: AppInfo['workspace'] = 'configured'
  let db: Database | null = null
  let startupError: StartupError | null = null
  try {
    db = openDatabase(join(dataDir, DATABASE_FILE), { log })
  } catch (error) {
    if (!(error instanceof StartupError)) throw error
    log.error({ code: error.code, err: error.cause }, error.message)
    startupError = error
  }

  const requireDb = (): Database => {
    if (db) return db
    throw new RpcError('startup-failed', startupError?.message ?? 'The database is not open.')
  }

  const handlers: Handlers = {
    'app.info': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      mode: options.mode,
      dataDir,
      schemaVersion: db ? schemaVersion(db) : null,
      workspace,
      secretsProtection: options.secrets.protection,
      startupError: startupError
        ? { code: startupError.code, message: startupError.message, hint: startupError.hint }
        : null,
    }),
    'app.status': () => readStatus(requireDb(), dataDir),
    'settings.get': () => options.settings.get(),
    'settings.update': (patch) => {
      const next = options.settings.update(patch)
      events.emit('settings.changed', next)
      return next
    },
  }

  return {
    dispatcher: createDispatcher(handlers, { log, checkResults: options.checkResults ?? false }),
    events,
    db,
    startupError,
    enterSandboxWorkspace() {
      workspace = 'sandbox'
    },
    close() {
      db?.close()
    },
  }
}
