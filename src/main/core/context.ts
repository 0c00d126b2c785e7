import type { Database } from 'better-sqlite3'
import type { AppInfo, SystemName } from '../../shared/rpc/contract'
import type { StartupError } from '../db/errors'
import type { FileStore } from '../files/file-store'
import type { Logger } from '../log/logger'
import type { Clock, SecretStore, SettingsStore } from '../platform/ports'
import type { SyncService } from '../sync/sync-service'
import type { EventBus } from './events'

export interface SandboxEndpoint {
  baseUrl: string
  credentials: Record<string, string>
}

/** Everything the handlers of every domain share. */
export interface CoreContext {
  dataDir: string
  mode: AppInfo['mode']
  settings: SettingsStore
  secrets: SecretStore
  clock: Clock
  log: Logger
  events: EventBus
  startupError: StartupError | null
  /** The database, or an RpcError('startup-failed') when it could not be opened. */
  db(): Database
  files: FileStore
  sync(): SyncService
  /** The simulators this run started, when it runs the sandbox workspace. */
  sandbox: Partial<Record<SystemName, SandboxEndpoint>> | null
}
