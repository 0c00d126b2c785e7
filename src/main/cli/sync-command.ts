import type { SyncResult } from '../../shared/rpc/huvr-contract'
import type { Core } from '../core/create-core'
import { ensureHuvrConnectionFromEnv, ensureTransamConnectionFromEnv } from './env-connections'

export interface SyncCommandOptions {
  json?: boolean
  full?: boolean
  offlineProject: number[]
}

export interface SyncCommandOutcome {
  ok: boolean
  connections: {
    id: string
    name: string
    ok: boolean
    error: string | null
    kinds: SyncResult['kinds']
    /** What the push of local edits did: sent, failed, conflicts, remaining. */
    pushed: SyncResult['pushed']
  }[]
  /** Local edits still waiting, refused (failed) or held back (conflict) after the sync. */
  outbox: { pending: number; failed: number; conflict: number }
  /** Projects asked for with --offline-project that no connection has. */
  unknownProjects: number[]
}

/**
 * `fieldstation sync`: pulls every configured connection (plus one from HUVR_* variables),
 * marking --offline-project projects available offline so their media and forms come along.
 */
export async function runSyncCommand(
  core: Core,
  options: SyncCommandOptions,
  say: (line: string) => void,
): Promise<SyncCommandOutcome> {
  const db = core.db
  if (!db) throw new Error('sync needs an open database')
  ensureHuvrConnectionFromEnv(db, core.secrets, core.clock, process.env)
  const transam = await ensureTransamConnectionFromEnv(core, process.env)
  if (transam?.signInError) say(`TransAM sign-in failed: ${transam.signInError}`)
  const markOffline = (ids: number[]) => {
    const mark = db.prepare('UPDATE huvr_projects SET available_offline = 1 WHERE remote_id = ?')
    return ids.filter((id) => mark.run(id).changes === 0)
  }

  const lastPrinted = new Map<string, number>()
  const unsubscribe = core.events.subscribe((event, payload) => {
    if (event !== 'sync.progress') return
    const progress = payload as { collection: string; done: number; total: number | null }
    const now = Date.now()
    const finished = progress.total !== null && progress.done >= progress.total
    if (!finished && now - (lastPrinted.get(progress.collection) ?? 0) < 500) return
    lastPrinted.set(progress.collection, now)
    say(
      `${progress.collection}: ${progress.done}${progress.total === null ? '' : `/${progress.total}`}`,
    )
  })

  try {
    // Projects not cached yet are marked after the first pull brings them, then their data is pulled.
    const notYetCached = markOffline(options.offlineProject)
    let results = await core.sync.run({ full: options.full ?? false })
    const unknownProjects = notYetCached.length > 0 ? markOffline(notYetCached) : []
    if (notYetCached.length > unknownProjects.length)
      results = mergeResults(results, await core.sync.run({}))
    if (results.length === 0)
      say(
        'No accounts to sync: add one in the app, or set HUVR_URL, HUVR_CLIENT_ID and HUVR_CLIENT_SECRET (or TRANSAM_URL, TRANSAM_EMAIL and TRANSAM_PASSWORD).',
      )
    const connections = results.map((result) => ({
      id: result.connectionId,
      name: result.name,
      ok: result.ok,
      error: result.error,
      kinds: result.kinds,
      pushed: result.pushed,
    }))
    const outbox = countOutbox(db)
    if (outbox.failed + outbox.conflict > 0)
      say(
        `${outbox.failed} change(s) refused by the server and ${outbox.conflict} conflict(s) wait for you in the app (Changes).`,
      )
    return {
      outbox,
      ok:
        results.length > 0 && results.every((result) => result.ok) && unknownProjects.length === 0,
      connections,
      unknownProjects,
    }
  } finally {
    unsubscribe()
  }
}

function countOutbox(db: NonNullable<Core['db']>): SyncCommandOutcome['outbox'] {
  const count = (states: string) =>
    db.prepare(`SELECT count(*) FROM outbox WHERE state IN (${states})`).pluck().get() as number
  return {
    pending: count("'pending', 'in-flight'"),
    failed: count("'failed'"),
    conflict: count("'conflict'"),
  }
}

/** One result per connection for two runs: counts added up, errors of both kept, ok only if both were. */
function mergeResults(first: SyncResult[], second: SyncResult[]): SyncResult[] {
  return first.map((earlier) => {
    const later = second.find((result) => result.connectionId === earlier.connectionId)
    if (!later) return earlier
    const kinds: SyncResult['kinds'] = { ...earlier.kinds }
    for (const [kind, counts] of Object.entries(later.kinds)) {
      const before = kinds[kind]
      kinds[kind] = before
        ? {
            fetched: before.fetched + counts.fetched,
            created: before.created + counts.created,
            updated: before.updated + counts.updated,
            deleted: before.deleted + counts.deleted,
            errors: [...before.errors, ...counts.errors],
          }
        : counts
    }
    return {
      ...later,
      startedAt: earlier.startedAt,
      ok: earlier.ok && later.ok,
      error: earlier.error ?? later.error,
      kinds,
      pushed: earlier.pushed,
    }
  })
}
