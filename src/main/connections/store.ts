import { randomUUID } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { z } from 'zod'
import {
  connectionSummarySchema,
  type ConnectionSummary,
  type SystemName,
} from '../../shared/rpc/contract'
import type { Clock, SecretStore } from '../platform/ports'

/** What a HUVR connection keeps besides its secret (which lives in the secret store). */
export const huvrConfigSchema = z.object({
  clientId: z.string(),
  /** A connection to the built-in simulator: its URL is refreshed whenever the sandbox starts. */
  sandbox: z.boolean().default(false),
  pageSize: z.number().int().min(1).max(10_000).optional(),
  /** The list filter HUVR accepts for "changed since" (a guess in the research, so configurable). */
  updatedSinceParam: z.string().optional(),
})
export type HuvrConfig = z.infer<typeof huvrConfigSchema>

export interface HuvrConnection {
  id: string
  name: string
  baseUrl: string
  config: HuvrConfig
  clientSecret: string
}

const secretName = (connectionId: string) => `connection/${connectionId}/secret`

/** Replaces an account's secret (e.g. a rotated client secret). */
export function setConnectionSecret(
  secrets: SecretStore,
  connectionId: string,
  secret: string,
): void {
  secrets.set(secretName(connectionId), secret)
}

export function listConnections(db: Database): ConnectionSummary[] {
  const rows = db
    .prepare(
      `SELECT id, system, name, base_url AS baseUrl, state, last_sync_at AS lastSyncAt
       FROM connections ORDER BY name, id`,
    )
    .all()
  return rows.map((row) => connectionSummarySchema.parse(row))
}

export function addHuvrConnection(
  db: Database,
  secrets: SecretStore,
  clock: Clock,
  account: {
    name: string
    baseUrl: string
    clientId: string
    clientSecret: string
    sandbox?: boolean
  },
): ConnectionSummary {
  const id = randomUUID()
  const config: HuvrConfig = { clientId: account.clientId, sandbox: account.sandbox ?? false }
  // The secret first: a row without its secret would be an account that can never sign in.
  setConnectionSecret(secrets, id, account.clientSecret)
  db.prepare(
    "INSERT INTO connections (id, system, name, base_url, config, created_at) VALUES (?, 'huvr', ?, ?, ?, ?)",
  ).run(id, account.name, account.baseUrl.replace(/\/+$/, ''), JSON.stringify(config), clock.now())
  return connectionSummary(db, id)
}

function connectionSummary(db: Database, id: string): ConnectionSummary {
  return connectionSummarySchema.parse(
    db
      .prepare(
        'SELECT id, system, name, base_url AS baseUrl, state, last_sync_at AS lastSyncAt FROM connections WHERE id = ?',
      )
      .get(id),
  )
}

export function getHuvrConnection(
  db: Database,
  secrets: SecretStore,
  id: string,
): HuvrConnection | null {
  const row = db
    .prepare("SELECT id, name, base_url, config FROM connections WHERE id = ? AND system = 'huvr'")
    .get(id) as { id: string; name: string; base_url: string; config: string } | undefined
  if (!row) return null
  const clientSecret = secrets.get(secretName(id))
  if (clientSecret === null) return null
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    config: huvrConfigSchema.parse(JSON.parse(row.config)),
    clientSecret,
  }
}

export function connectionIds(db: Database, system?: SystemName): string[] {
  return (
    system
      ? db.prepare('SELECT id FROM connections WHERE system = ? ORDER BY name').pluck().all(system)
      : db.prepare('SELECT id FROM connections ORDER BY name').pluck().all()
  ) as string[]
}

/** Local work for this account that has not reached the server yet. */
export function unsentWork(db: Database, id: string): { changes: number; uploads: number } {
  const changes = db
    .prepare("SELECT count(*) FROM outbox WHERE connection_id = ? AND state <> 'done'")
    .pluck()
    .get(id) as number
  const uploads = db
    .prepare(
      "SELECT count(*) FROM upload_jobs WHERE connection_id = ? AND state NOT IN ('done', 'cancelled')",
    )
    .pluck()
    .get(id) as number
  return { changes, uploads }
}

/** Removes the account, its secret and (by cascade) everything cached or queued for it. */
export function removeConnection(db: Database, secrets: SecretStore, id: string): boolean {
  const removed = db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes === 1
  if (removed) {
    secrets.delete(secretName(id))
    secrets.delete(tokenName(id))
  }
  return removed
}

export function setConnectionState(
  db: Database,
  id: string,
  state: ConnectionSummary['state'],
  lastSyncAt?: number,
): void {
  if (lastSyncAt === undefined)
    db.prepare('UPDATE connections SET state = ? WHERE id = ?').run(state, id)
  else
    db.prepare('UPDATE connections SET state = ?, last_sync_at = ? WHERE id = ?').run(
      state,
      lastSyncAt,
      id,
    )
}

/** Points the sandbox accounts at this run's simulator URLs. */
export function refreshSandboxUrls(db: Database, system: SystemName, baseUrl: string): void {
  db.prepare(
    "UPDATE connections SET base_url = ? WHERE system = ? AND json_extract(config, '$.sandbox') = 1",
  ).run(baseUrl, system)
}

/** How many accounts point at real servers, and how many at the built-in simulators. */
export function countConnections(db: Database): { real: number; sandbox: number } {
  const row = db
    .prepare(
      `SELECT count(*) FILTER (WHERE coalesce(json_extract(config, '$.sandbox'), 0) = 0) AS real,
              count(*) FILTER (WHERE json_extract(config, '$.sandbox') = 1) AS sandbox
       FROM connections`,
    )
    .get() as { real: number; sandbox: number }
  return row
}

/** What a TransAM connection keeps; its token (after a sign-in) lives in the secret store. */
export const transamConfigSchema = z.object({
  email: z.string(),
  sandbox: z.boolean().default(false),
})
export type TransamConfig = z.infer<typeof transamConfigSchema>

export interface TransamConnection {
  id: string
  name: string
  baseUrl: string
  config: TransamConfig
  /** null until the user signs in, and again after TransAM refuses it. */
  token: string | null
}

const tokenName = (connectionId: string) => `connection/${connectionId}/token`

/** A TransAM account starts signed out: the app never signs in unless the user asks. */
export function addTransamConnection(
  db: Database,
  clock: Clock,
  account: { name: string; baseUrl: string; email: string; sandbox?: boolean },
): ConnectionSummary {
  const id = randomUUID()
  const config: TransamConfig = { email: account.email, sandbox: account.sandbox ?? false }
  db.prepare(
    "INSERT INTO connections (id, system, name, base_url, config, state, created_at) VALUES (?, 'transam', ?, ?, ?, 'needs-sign-in', ?)",
  ).run(id, account.name, account.baseUrl.replace(/\/+$/, ''), JSON.stringify(config), clock.now())
  return connectionSummary(db, id)
}

export function getTransamConnection(
  db: Database,
  secrets: SecretStore,
  id: string,
): TransamConnection | null {
  const row = db
    .prepare(
      "SELECT id, name, base_url, config FROM connections WHERE id = ? AND system = 'transam'",
    )
    .get(id) as { id: string; name: string; base_url: string; config: string } | undefined
  if (!row) return null
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    config: transamConfigSchema.parse(JSON.parse(row.config)),
    token: secrets.get(tokenName(id)),
  }
}

/** Keeps (or, with null, forgets) the TransAM token of a connection. */
export function setTransamToken(
  secrets: SecretStore,
  connectionId: string,
  token: string | null,
): void {
  if (token === null) secrets.delete(tokenName(connectionId))
  else secrets.set(tokenName(connectionId), token)
}
