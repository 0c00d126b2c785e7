import type { Database } from 'better-sqlite3'
import pMap from 'p-map'
import type { FieldValues } from '../../shared/rpc/outbox-contract'
import { backoffDelay } from '../connectors/backoff'
import { ConnectorError } from '../connectors/errors'
import type { Logger } from '../log/logger'
import type { Clock } from '../platform/ports'
import { KINDS } from './kinds'
import { readLocal } from './local-records'
import { PushOutcomes } from './outcomes'
import type { Remote } from './remotes'
import { queryEntries, type OutboxEntry, type StoredConflicts } from './rows'
import type { OutboxStore } from './store'

export interface PushResult {
  connectionId: string
  sent: number
  failed: number
  conflicts: number
  /** Items still waiting (retry later, waiting for a parent, or stopped early). */
  remaining: number
  /** Why the push stopped before the end (offline, sign-in refused); null when it ran through. */
  stoppedBy: ConnectorError | null
}

export interface PushDeps {
  db: Database
  store: OutboxStore
  clock: Clock
  log: Logger
  /** Records sent at once (different records; one record's items always go in order). */
  concurrency: number
}

/** Waits between attempts of an item the server could not take yet (5xx, throttling). */
const RETRY_POLICY = { baseMs: 2_000, capMs: 10 * 60_000 }
const BATCH = 200

/**
 * Items that may go now: the first unsent item of each record, not waiting for a retry time,
 * and not naming a parent that is still only local (negative id). A retry time further ahead
 * than the longest backoff can only come from a clock set back since: it counts as due.
 */
function eligible(
  db: Database,
  connectionId: string,
  now: number,
  busy: ReadonlySet<number>,
): OutboxEntry[] {
  return queryEntries(
    db,
    `SELECT o.* FROM outbox o
     WHERE o.connection_id = ? AND o.state IN ('pending', 'in-flight')
       AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ? OR o.next_attempt_at > ?)
       AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.connection_id = o.connection_id
         AND e.entity_kind = o.entity_kind AND e.entity_id = o.entity_id AND e.id < o.id)
       AND coalesce(json_extract(o.payload, '$.project'), 0) >= 0
       AND coalesce(json_extract(o.payload, '$.defect'), 0) >= 0
     ORDER BY o.id LIMIT ?`,
    connectionId,
    now,
    now + RETRY_POLICY.capMs,
    BATCH + busy.size,
  )
    .filter((entry) => !busy.has(entry.id))
    .slice(0, BATCH)
}

/**
 * Sends one connection's outbox, oldest first. Each item is settled on its own: a refused one is
 * marked failed with the server's messages and the rest carry on; only a lost connection or a
 * refused sign-in stops the run (every other item would fail the same way).
 */
export async function pushConnection(
  deps: PushDeps,
  connectionId: string,
  remote: Remote,
): Promise<PushResult> {
  const { db, store, clock, log } = deps
  const outcomes = new PushOutcomes(db, clock)
  const result: PushResult = {
    connectionId,
    sent: 0,
    failed: 0,
    conflicts: 0,
    remaining: 0,
    stoppedBy: null,
  }

  const settle = async (entry: OutboxEntry): Promise<void> => {
    if (result.stoppedBy) return
    store.busy.add(entry.id)
    let newId: string | undefined
    try {
      const outcome = await sendEntry(entry, remote, outcomes, deps)
      newId = outcome.newId
      if (outcome.conflicts) result.conflicts++
      else result.sent++
    } catch (error) {
      if (error instanceof ConnectorError && (error.kind === 'network' || error.kind === 'auth')) {
        result.stoppedBy ??= error
        return
      }
      if (
        error instanceof ConnectorError &&
        (error.kind === 'server' || error.kind === 'throttled' || error.kind === 'bad-response')
      ) {
        outcomes.retryLater(entry, error.message, backoffDelay(entry.attempts + 1, RETRY_POLICY))
        return
      }
      result.failed++
      const message = error instanceof Error ? error.message : String(error)
      if (!(error instanceof ConnectorError))
        log.error({ err: error, itemId: entry.id }, 'outbox item failed unexpectedly')
      outcomes.fail(
        entry,
        error instanceof ConnectorError && error.kind === 'not-found' && entry.op === 'create'
          ? `The record it belongs to is no longer on the server. ${message}`
          : message,
        error instanceof ConnectorError ? (error.details.fieldErrors ?? {}) : {},
      )
    } finally {
      store.busy.delete(entry.id)
      store.recordChanged({
        connectionId,
        kind: entry.kind,
        id: entry.entityId,
        ...(newId === undefined ? {} : { newId }),
      })
    }
  }

  for (;;) {
    const batch = eligible(db, connectionId, clock.now(), store.busy)
    if (batch.length === 0 || result.stoppedBy) break
    await pMap(batch, settle, { concurrency: deps.concurrency })
    store.countsChanged(connectionId)
  }
  result.remaining = db
    .prepare(
      "SELECT count(*) FROM outbox WHERE connection_id = ? AND state IN ('pending', 'in-flight')",
    )
    .pluck()
    .get(connectionId) as number
  return result
}

/** Sends one item; answers whether it found conflicts to hold back, and a created record's id. */
async function sendEntry(
  entry: OutboxEntry,
  remote: Remote,
  outcomes: PushOutcomes,
  deps: PushDeps,
): Promise<{ conflicts: boolean; newId?: string }> {
  const spec = KINDS[entry.kind]
  const local = readLocal(deps.db, spec, entry.connectionId, entry.entityId)
  switch (entry.op) {
    case 'create': {
      if (entry.state === 'in-flight') {
        // Sent before, answer never read: look for it before sending a second one.
        const found = await remote.findCreated(entry.kind, entry.payload, (id) =>
          outcomes.isClaimed(entry, id),
        )
        if (found) return { conflicts: false, newId: outcomes.completeCreate(entry, found) }
      }
      outcomes.markSending(entry)
      const created = await remote.create(entry.kind, entry.payload)
      return { conflicts: false, newId: outcomes.completeCreate(entry, created) }
    }
    case 'update': {
      const current = local === null ? null : await remote.fetch(entry.kind, local)
      if (local === null || current === null) {
        outcomes.deletedOnServer(entry)
        return { conflicts: true }
      }
      const theirs = spec.read(current)
      const send: FieldValues = {}
      const taken: FieldValues = {}
      const conflicts: StoredConflicts['fields'] = {}
      for (const [field, mine] of Object.entries(entry.payload)) {
        if (entry.conflicts.fields[field]) continue
        const base = entry.base[field] ?? null
        const server = theirs[field] ?? null
        if (server === mine) taken[field] = mine
        else if (server === base) send[field] = mine
        else conflicts[field] = { base, mine, theirs: server }
      }
      const copy =
        Object.keys(send).length === 0
          ? current
          : await remote.update(entry.kind, local, current, send)
      outcomes.completeUpdate(entry, copy, send, conflicts, taken)
      return { conflicts: Object.keys(conflicts).length > 0 }
    }
    case 'delete': {
      if (local) await remote.remove(entry.kind, local)
      outcomes.completeDelete(entry)
      return { conflicts: false }
    }
  }
}
