import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppInfo, SystemName } from '../../shared/rpc/contract'
import {
  getHuvrConnection,
  getTransamConnection,
  listConnections,
  refreshSandboxUrls,
  setConnectionState,
  setTransamToken,
} from '../connections/store'
import { ConnectorError } from '../connectors/errors'
import { HuvrClient } from '../connectors/huvr/client'
import { TransamClient } from '../connectors/transam/client'
import { openDatabase, type Database } from '../db/database'
import { StartupError } from '../db/errors'
import { createFileStore, type FileStore } from '../files/file-store'
import type { Logger } from '../log/logger'
import type { Clock, SecretStore, SettingsStore } from '../platform/ports'
import { createDispatcher, RpcError, type Dispatcher } from '../rpc/dispatcher'
import { createSyncService, type SyncService, type SyncServiceDeps } from '../sync/sync-service'
import { UploadQueue } from '../uploads/upload-queue'
import { OutboxDecisions } from '../outbox/decisions'
import { PushScheduler } from '../outbox/push-scheduler'
import { OutboxStore } from '../outbox/store'
import type { CoreContext, SandboxEndpoint } from './context'
import { createEventBus, type EventBus } from './events'
import { appHandlers } from './handlers/app'
import { connectionHandlers } from './handlers/connections'
import { huvrCacheHandlers } from './handlers/huvr-cache'
import { recordHandlers } from './handlers/records'
import { settingsHandlers } from './handlers/settings'
import { syncHandlers } from './handlers/sync'
import { transamHandlers } from './handlers/transam'
import { uploadHandlers } from './handlers/uploads'

export interface CoreOptions {
  dataDir: string
  mode: AppInfo['mode']
  settings: SettingsStore
  secrets: SecretStore
  clock: Clock
  log: Logger
  /** Closes the log's file: the core does it last when it closes. */
  closeLog?: () => void
  /** Tests turn this on so every result is checked against the contract. */
  checkResults?: boolean
  /** Connector tuning for tests (e.g. short backoff). */
  clientOverrides?: SyncServiceDeps['clientOverrides']
}

export interface Core {
  readonly dispatcher: Dispatcher
  readonly events: EventBus
  /** null when the database could not be opened: only app.info answers then. */
  readonly db: Database | null
  readonly startupError: StartupError | null
  readonly files: FileStore
  readonly secrets: SecretStore
  readonly clock: Clock
  readonly sync: SyncService
  /** The durable upload queue (not started until a host starts it). */
  readonly uploads: UploadQueue
  /** Sends local edits when servers are reachable (not started until a host starts it). */
  readonly pushScheduler: PushScheduler
  /** Marks this run as using the built-in simulators and points sandbox accounts at them. */
  enterSandboxWorkspace(endpoints: Partial<Record<SystemName, SandboxEndpoint>>): void
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
  const files = createFileStore(dataDir)
  // Partial files nobody is writing any more were cut off by a crash.
  files.removePartials()

  let database: Database | null = null
  let startupError: StartupError | null = null
  try {
    database = openDatabase(join(dataDir, DATABASE_FILE), { log })
  } catch (error) {
    if (!(error instanceof StartupError)) throw error
    log.error({ code: error.code, err: error.cause }, error.message)
    startupError = error
  }

  const db = (): Database => {
    if (database) return database
    throw new RpcError('startup-failed', startupError?.message ?? 'The database is not open.')
  }

  let outboxParts: { store: OutboxStore; decisions: OutboxDecisions } | null = null
  const outbox = () => {
    if (outboxParts) return outboxParts
    const store = new OutboxStore(db(), options.clock, events)
    outboxParts = { store, decisions: new OutboxDecisions(db(), options.clock, store) }
    return outboxParts
  }

  let syncService: SyncService | null = null
  const sync = (): SyncService =>
    (syncService ??= createSyncService({
      db: db(),
      outbox: outbox().store,
      secrets: options.secrets,
      clock: options.clock,
      log,
      files,
      events,
      ...(options.clientOverrides === undefined
        ? {}
        : { clientOverrides: options.clientOverrides }),
    }))

  // One HUVR client per account for uploads, so a 429 pauses all of that account's uploads.
  const uploadClients = new Map<string, HuvrClient>()
  let uploadQueue: UploadQueue | null = null
  const uploads = (): UploadQueue =>
    (uploadQueue ??= new UploadQueue({
      db: db(),
      files,
      clock: options.clock,
      log,
      events,
      concurrency: () => options.settings.get().uploadConcurrency,
      keepUploadedFilesDays: () => options.settings.get().keepUploadedFilesDays,
      huvrClient(connectionId) {
        const existing = uploadClients.get(connectionId)
        if (existing) return existing
        const connection = getHuvrConnection(db(), options.secrets, connectionId)
        if (!connection)
          throw new ConnectorError(
            'auth',
            'This HUVR account or its secret is missing; add it again in Settings.',
          )
        const client = new HuvrClient({
          baseUrl: connection.baseUrl,
          clientId: connection.config.clientId,
          clientSecret: connection.clientSecret,
          log,
          clock: options.clock,
          ...options.clientOverrides,
        })
        uploadClients.set(connectionId, client)
        return client
      },
      transamClient(connectionId) {
        const connection = getTransamConnection(db(), options.secrets, connectionId)
        if (!connection?.token) {
          throw new ConnectorError(
            'auth',
            'Sign in to TransAM first (Settings → Accounts); uploads wait until then.',
          )
        }
        return new TransamClient({
          baseUrl: connection.baseUrl,
          email: connection.config.email,
          token: connection.token,
          log,
          clock: options.clock,
          ...options.clientOverrides,
        })
      },
      onCredentialsRefused(connectionId) {
        void uploadClients.get(connectionId)?.close()
        uploadClients.delete(connectionId)
        if (getTransamConnection(db(), options.secrets, connectionId)) {
          setTransamToken(options.secrets, connectionId, null)
          setConnectionState(db(), connectionId, 'needs-sign-in')
        }
      },
    }))

  const pushScheduler = new PushScheduler({
    clock: options.clock,
    log,
    events,
    workOffline: () => options.settings.get().workOffline,
    connections: () =>
      database === null
        ? []
        : listConnections(database).filter((c) => c.system === 'huvr' || c.system === 'transam'),
    waiting: (connectionId) =>
      db()
        .prepare(
          `SELECT count(*) AS count, min(next_attempt_at) AS nextAttemptAt FROM outbox
           WHERE connection_id = ? AND state IN ('pending', 'in-flight')`,
        )
        .get(connectionId) as { count: number; nextAttemptAt: number | null },
    push: (connectionId) => sync().push(connectionId),
  })
  events.subscribe((event, payload) => {
    if (event === 'settings.changed' || event === 'connections.changed') pushScheduler.replan()
    // A project created offline got its server id: uploads waiting for it may go now.
    if (event === 'record.changed' && payload !== null && 'newId' in payload) uploadQueue?.wake()
  })

  const ctx: CoreContext = {
    dataDir,
    mode: options.mode,
    settings: options.settings,
    secrets: options.secrets,
    clock: options.clock,
    log,
    events,
    startupError,
    db,
    files,
    sync,
    sandbox: null,
  }

  const handlers = {
    ...appHandlers(ctx),
    ...settingsHandlers(ctx),
    ...connectionHandlers(ctx),
    ...syncHandlers(ctx, pushScheduler),
    ...huvrCacheHandlers(ctx),
    ...transamHandlers(ctx),
    ...uploadHandlers(ctx, uploads),
    ...recordHandlers(ctx, () => ({
      ...outbox(),
      afterEdit: (connectionId: string) => pushScheduler.afterEdit(connectionId),
    })),
  }

  return {
    dispatcher: createDispatcher(handlers, { log, checkResults: options.checkResults ?? false }),
    events,
    db: database,
    startupError,
    files,
    secrets: options.secrets,
    clock: options.clock,
    get sync() {
      return sync()
    },
    get uploads() {
      return uploads()
    },
    pushScheduler,
    enterSandboxWorkspace(endpoints) {
      ctx.sandbox = endpoints
      for (const [system, endpoint] of Object.entries(endpoints)) {
        if (database) refreshSandboxUrls(database, system as SystemName, endpoint.baseUrl)
      }
    },
    close() {
      pushScheduler.stop()
      uploadQueue?.stop()
      for (const client of uploadClients.values()) void client.close()
      database?.close()
      options.closeLog?.()
    },
  }
}
