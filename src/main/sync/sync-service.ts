import type { Database } from 'better-sqlite3'
import type { ConnectionSummary } from '../../shared/rpc/contract'
import type { HuvrAccountParams, SyncResult } from '../../shared/rpc/huvr-contract'
import { getHuvrConnection, listConnections, setConnectionState } from '../connections/store'
import { HuvrClient } from '../connectors/huvr/client'
import type { TransportTuning } from '../connectors/resilient-http'
import { ConnectorError } from '../connectors/errors'
import type { EventBus } from '../core/events'
import type { FileStore } from '../files/file-store'
import type { Logger } from '../log/logger'
import type { Clock, SecretStore } from '../platform/ports'
import { DEFAULT_PULL_OPTIONS, pullHuvr } from './huvr/pull'

export interface SyncServiceDeps {
  db: Database
  secrets: SecretStore
  clock: Clock
  log: Logger
  files: FileStore
  events: EventBus
  /** Client tuning for tests (short backoff); production uses the defaults. */
  clientOverrides?: TransportTuning
}

export interface SyncService {
  /** Starts a sync of each connection (or just one) unless one is already running; returns their ids. */
  start(request: { connectionId?: string; full?: boolean }): string[]
  /** The same, waiting for every sync to end. */
  run(request: { connectionId?: string; full?: boolean }): Promise<SyncResult[]>
  status(): { running: string[]; last: SyncResult[] }
  /** Signs in and reads the account's profile: a verdict in one sentence. */
  testHuvr(account: HuvrAccountParams): Promise<{ ok: boolean; message: string }>
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const running = new Map<string, Promise<SyncResult>>()
  const last = new Map<string, SyncResult>()

  const clientFor = (account: { baseUrl: string; clientId: string; clientSecret: string }) =>
    new HuvrClient({ ...account, log: deps.log, clock: deps.clock, ...deps.clientOverrides })

  const markState = (
    connectionId: string,
    state: ConnectionSummary['state'],
    lastSyncAt?: number,
  ) => {
    setConnectionState(deps.db, connectionId, state, lastSyncAt)
    deps.events.emit('connectivity', { connectionId, state })
  }

  async function syncHuvr(connectionId: string, full: boolean): Promise<SyncResult> {
    const startedAt = deps.clock.now()
    const connection = getHuvrConnection(deps.db, deps.secrets, connectionId)
    const base = { connectionId, name: connection?.name ?? connectionId, startedAt }
    if (!connection) {
      return {
        ...base,
        ok: false,
        finishedAt: deps.clock.now(),
        error: 'This account or its secret is missing; add it again in Settings.',
        kinds: {},
      }
    }
    const client = clientFor({
      baseUrl: connection.baseUrl,
      clientId: connection.config.clientId,
      clientSecret: connection.clientSecret,
    })
    try {
      // Sign in once up front: wrong credentials are one clear message, not one per collection.
      await client.me()
      const kinds = await pullHuvr(
        {
          db: deps.db,
          client,
          connectionId,
          clock: deps.clock,
          log: deps.log,
          files: deps.files,
          options: {
            ...DEFAULT_PULL_OPTIONS,
            ...(connection.config.pageSize === undefined
              ? {}
              : { pageSize: connection.config.pageSize }),
            ...(connection.config.updatedSinceParam === undefined
              ? {}
              : { updatedSinceParam: connection.config.updatedSinceParam }),
          },
          onProgress: ({ collection, done, total }) =>
            deps.events.emit('sync.progress', { connectionId, collection, done, total }),
        },
        { full },
      )
      const ok = Object.values(kinds).every((kind) => kind.errors.length === 0)
      const finishedAt = deps.clock.now()
      markState(connectionId, 'online', finishedAt)
      return { ...base, ok, finishedAt, error: null, kinds }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      markState(connectionId, stateAfter(error))
      deps.log.error({ err: error, connectionId }, 'sync failed')
      return { ...base, ok: false, finishedAt: deps.clock.now(), error: message, kinds: {} }
    } finally {
      await client.close()
    }
  }

  function startOne(connectionId: string, full: boolean): Promise<SyncResult> {
    const inFlight = running.get(connectionId)
    if (inFlight) return inFlight
    const sync = syncHuvr(connectionId, full).then((result) => {
      running.delete(connectionId)
      last.set(connectionId, result)
      deps.events.emit('sync.finished', result)
      return result
    })
    running.set(connectionId, sync)
    return sync
  }

  const targets = (connectionId?: string) =>
    listConnections(deps.db)
      .filter((c) => c.system === 'huvr' && (connectionId === undefined || c.id === connectionId))
      .map((c) => c.id)

  return {
    start({ connectionId, full = false }) {
      const ids = targets(connectionId)
      for (const id of ids) void startOne(id, full)
      return ids
    },
    run({ connectionId, full = false }) {
      return Promise.all(targets(connectionId).map((id) => startOne(id, full)))
    },
    status() {
      return { running: [...running.keys()], last: [...last.values()] }
    },
    async testHuvr(account) {
      const client = clientFor({ ...account, baseUrl: account.baseUrl.replace(/\/+$/, '') })
      try {
        const me = await client.me()
        return {
          ok: true,
          message: `Signed in to ${new URL(account.baseUrl).host} as ${me.email ?? me.name ?? `user ${me.id}`}.`,
        }
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) }
      } finally {
        await client.close()
      }
    },
  }
}

function stateAfter(error: unknown): ConnectionSummary['state'] {
  if (!(error instanceof ConnectorError)) return 'error'
  if (error.kind === 'auth') return 'needs-sign-in'
  if (error.kind === 'network') return 'offline'
  return 'error'
}
