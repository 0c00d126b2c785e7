import type { Database } from 'better-sqlite3'
import type { ConnectionSummary, SystemName } from '../../shared/rpc/contract'
import type { HuvrAccountParams, SyncResult } from '../../shared/rpc/huvr-contract'
import type { TransamSignInResult } from '../../shared/rpc/transam-contract'
import {
  getHuvrConnection,
  getTransamConnection,
  listConnections,
  setConnectionState,
  setTransamToken,
} from '../connections/store'
import { ConnectorError } from '../connectors/errors'
import { HuvrClient } from '../connectors/huvr/client'
import type { TransportTuning } from '../connectors/resilient-http'
import { TransamClient } from '../connectors/transam/client'
import type { EventBus } from '../core/events'
import type { FileStore } from '../files/file-store'
import type { Logger } from '../log/logger'
import type { Clock, SecretStore } from '../platform/ports'
import { pushConnection, type PushResult } from '../outbox/push'
import { huvrRemote, transamRemote, type Remote } from '../outbox/remotes'
import type { OutboxStore } from '../outbox/store'
import { DEFAULT_PULL_OPTIONS, pullHuvr } from './huvr/pull'
import type { PullSummary } from './summary'
import { fetchDocumentFile, pullTransam } from './transam/pull'
import { signInToTransam } from './transam/sign-in'

export interface SyncServiceDeps {
  db: Database
  secrets: SecretStore
  clock: Clock
  log: Logger
  files: FileStore
  events: EventBus
  outbox: OutboxStore
  /** Records the push sends at once per connection. */
  pushConcurrency?: number
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
  /** One sign-in attempt the user asked for (see signInToTransam for what it refuses to send). */
  signInTransam(connectionId: string, password: string): Promise<TransamSignInResult>
  signOutTransam(connectionId: string): Promise<void>
  /** Downloads a TransAM document into the store (if not there yet); answers its sha256. */
  fetchDocument(connectionId: string, key: string): Promise<string>
  /** Sends one connection's outbox (joining a push already running for it). */
  push(connectionId: string): Promise<PushResult>
}

/** What one system's sync does for a connection: pull, or explain why it could not start. */
type Puller = (
  connectionId: string,
  full: boolean,
) => Promise<
  { name: string; kinds: PullSummary; pushed: PushResult } | { name: string; error: string }
>

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const running = new Map<string, Promise<SyncResult>>()
  const last = new Map<string, SyncResult>()
  const pushing = new Map<string, Promise<PushResult>>()

  /** One push per connection at a time: a second caller joins the one running. */
  const pushWith = (connectionId: string, remote: Remote): Promise<PushResult> => {
    const inFlight = pushing.get(connectionId)
    if (inFlight) return inFlight
    const push = pushConnection(
      {
        db: deps.db,
        store: deps.outbox,
        clock: deps.clock,
        log: deps.log,
        concurrency: deps.pushConcurrency ?? 4,
      },
      connectionId,
      remote,
    ).finally(() => pushing.delete(connectionId))
    pushing.set(connectionId, push)
    return push
  }

  const huvrClient = (account: { baseUrl: string; clientId: string; clientSecret: string }) =>
    new HuvrClient({ ...account, log: deps.log, clock: deps.clock, ...deps.clientOverrides })

  /** A client for a saved HUVR account (its secret from the secret store). */
  const savedHuvrClient = (connection: NonNullable<ReturnType<typeof getHuvrConnection>>) =>
    huvrClient({
      baseUrl: connection.baseUrl,
      clientId: connection.config.clientId,
      clientSecret: connection.clientSecret,
    })

  const transamClient = (connectionId: string): TransamClient => {
    const connection = getTransamConnection(deps.db, deps.secrets, connectionId)
    if (!connection) throw new ConnectorError('not-found', 'There is no such TransAM account.')
    if (connection.token === null)
      throw new ConnectorError('auth', 'Sign in to TransAM first (Settings → Accounts).')
    return new TransamClient({
      baseUrl: connection.baseUrl,
      email: connection.config.email,
      token: connection.token,
      log: deps.log,
      clock: deps.clock,
      ...deps.clientOverrides,
    })
  }

  const markState = (
    connectionId: string,
    state: ConnectionSummary['state'],
    lastSyncAt?: number,
  ) => {
    setConnectionState(deps.db, connectionId, state, lastSyncAt)
    deps.events.emit('connectivity', { connectionId, state })
  }

  /** A refused TransAM token is forgotten, so nothing keeps sending it: the user signs in again. */
  const onTransamAuthFailure = (connectionId: string, error: unknown) => {
    if (error instanceof ConnectorError && error.kind === 'auth')
      setTransamToken(deps.secrets, connectionId, null)
  }

  const pullers: Partial<Record<SystemName, Puller>> = {
    async huvr(connectionId, full) {
      const connection = getHuvrConnection(deps.db, deps.secrets, connectionId)
      if (!connection)
        return {
          name: connectionId,
          error: 'This account or its secret is missing; add it again in Settings.',
        }
      const client = savedHuvrClient(connection)
      try {
        // Sign in once up front: wrong credentials are one clear message, not one per collection.
        await client.me()
        // Local edits go first (each compared with the server's current copy), then the pull.
        const pushed = await pushWith(connectionId, huvrRemote(client))
        if (pushed.stoppedBy) throw pushed.stoppedBy
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
        return { name: connection.name, kinds, pushed }
      } finally {
        await client.close()
      }
    },
    async transam(connectionId) {
      const connection = getTransamConnection(deps.db, deps.secrets, connectionId)
      if (!connection) return { name: connectionId, error: 'There is no such TransAM account.' }
      if (connection.token === null) {
        markState(connectionId, 'needs-sign-in')
        return {
          name: connection.name,
          error: 'Sign in to TransAM first (Settings → Accounts); nothing was sent.',
        }
      }
      const client = transamClient(connectionId)
      try {
        const pushed = await pushWith(connectionId, transamRemote(client))
        if (pushed.stoppedBy) throw pushed.stoppedBy
        const kinds = await pullTransam({
          db: deps.db,
          client,
          connectionId,
          clock: deps.clock,
          log: deps.log,
          files: deps.files,
          concurrency: 4,
          onProgress: ({ collection, done, total }) =>
            deps.events.emit('sync.progress', { connectionId, collection, done, total }),
        })
        return { name: connection.name, kinds, pushed }
      } catch (error) {
        onTransamAuthFailure(connectionId, error)
        throw error
      } finally {
        await client.close()
      }
    },
  }

  /** Sends a connection's queued changes, without a pull. */
  async function pushOnly(connectionId: string): Promise<PushResult> {
    const connection = listConnections(deps.db).find((c) => c.id === connectionId)
    if (connection?.system === 'transam') {
      const client = transamClient(connectionId)
      try {
        const result = await pushWith(connectionId, transamRemote(client))
        if (result.stoppedBy) onTransamAuthFailure(connectionId, result.stoppedBy)
        return result
      } finally {
        await client.close()
      }
    }
    const account = getHuvrConnection(deps.db, deps.secrets, connectionId)
    if (!account) throw new ConnectorError('not-found', 'There is no such HUVR account.')
    const client = savedHuvrClient(account)
    try {
      return await pushWith(connectionId, huvrRemote(client))
    } finally {
      await client.close()
    }
  }

  async function syncConnection(connection: ConnectionSummary, full: boolean): Promise<SyncResult> {
    const startedAt = deps.clock.now()
    const puller = pullers[connection.system]
    const failed = (error: string): SyncResult => ({
      connectionId: connection.id,
      name: connection.name,
      startedAt,
      ok: false,
      finishedAt: deps.clock.now(),
      error,
      kinds: {},
      pushed: null,
    })
    if (!puller) return failed(`${connection.system} accounts cannot be synced yet.`)
    try {
      const outcome = await puller(connection.id, full)
      if ('error' in outcome) return failed(outcome.error)
      const finishedAt = deps.clock.now()
      markState(connection.id, 'online', finishedAt)
      const ok = Object.values(outcome.kinds).every((kind) => kind.errors.length === 0)
      return {
        connectionId: connection.id,
        name: outcome.name,
        startedAt,
        ok,
        finishedAt,
        error: null,
        kinds: outcome.kinds,
        pushed: {
          sent: outcome.pushed.sent,
          failed: outcome.pushed.failed,
          conflicts: outcome.pushed.conflicts,
          remaining: outcome.pushed.remaining,
        },
      }
    } catch (error) {
      markState(connection.id, stateAfter(error))
      deps.log.error({ err: error, connectionId: connection.id }, 'sync failed')
      return failed(error instanceof Error ? error.message : String(error))
    }
  }

  function startOne(connection: ConnectionSummary, full: boolean): Promise<SyncResult> {
    const inFlight = running.get(connection.id)
    if (inFlight) return inFlight
    const sync = syncConnection(connection, full).then((result) => {
      running.delete(connection.id)
      last.set(connection.id, result)
      deps.events.emit('sync.finished', result)
      return result
    })
    running.set(connection.id, sync)
    return sync
  }

  const targets = (connectionId?: string) =>
    listConnections(deps.db).filter(
      (c) => c.system in pullers && (connectionId === undefined || c.id === connectionId),
    )

  return {
    start({ connectionId, full = false }) {
      const chosen = targets(connectionId)
      for (const connection of chosen) void startOne(connection, full)
      return chosen.map((c) => c.id)
    },
    run({ connectionId, full = false }) {
      return Promise.all(targets(connectionId).map((connection) => startOne(connection, full)))
    },
    status() {
      return { running: [...running.keys()], last: [...last.values()] }
    },
    async testHuvr(account) {
      const client = huvrClient({ ...account, baseUrl: account.baseUrl.replace(/\/+$/, '') })
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
    async signInTransam(connectionId, password) {
      const result = await signInToTransam(
        {
          db: deps.db,
          secrets: deps.secrets,
          clock: deps.clock,
          log: deps.log,
          ...(deps.clientOverrides ? { tuning: deps.clientOverrides } : {}),
        },
        connectionId,
        password,
      )
      deps.events.emit('connectivity', {
        connectionId,
        state: result.ok ? 'online' : 'needs-sign-in',
      })
      return result
    },
    async signOutTransam(connectionId) {
      const client = transamClient(connectionId)
      try {
        await client.signOut()
      } finally {
        // Forget the token either way: signed out here means signed out.
        setTransamToken(deps.secrets, connectionId, null)
        markState(connectionId, 'needs-sign-in')
        await client.close()
      }
    },
    async push(connectionId) {
      const result = await pushOnly(connectionId)
      // Said at once, not at the next sync: the changes wait until the user signs in again.
      if (result.stoppedBy?.kind === 'auth') markState(connectionId, 'needs-sign-in')
      return result
    },
    async fetchDocument(connectionId, key) {
      const client = transamClient(connectionId)
      try {
        return await fetchDocumentFile(
          { db: deps.db, client, connectionId, files: deps.files, clock: deps.clock },
          key,
        )
      } catch (error) {
        onTransamAuthFailure(connectionId, error)
        if (error instanceof ConnectorError && error.kind === 'auth')
          markState(connectionId, 'needs-sign-in')
        throw error
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
