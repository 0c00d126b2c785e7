import type { Database } from 'better-sqlite3'
import {
  addHuvrConnection,
  addTransamConnection,
  getHuvrConnection,
  getTransamConnection,
  setConnectionSecret,
} from '../connections/store'
import type { Core } from '../core/create-core'
import type { Clock, SecretStore } from '../platform/ports'

/**
 * A HUVR account given by HUVR_URL, HUVR_CLIENT_ID and HUVR_CLIENT_SECRET. It is kept like any
 * other account (its cache needs a stable id), matched by URL and client id on later runs, and
 * its secret is updated when the variable changes.
 */
export function ensureHuvrConnectionFromEnv(
  db: Database,
  secrets: SecretStore,
  clock: Clock,
  env: NodeJS.ProcessEnv,
): string | null {
  const baseUrl = env.HUVR_URL?.replace(/\/+$/, '')
  const clientId = env.HUVR_CLIENT_ID
  const clientSecret = env.HUVR_CLIENT_SECRET
  if (!baseUrl || !clientId || !clientSecret) return null
  const ids = db
    .prepare(
      "SELECT id FROM connections WHERE system = 'huvr' AND base_url = ? AND json_extract(config, '$.clientId') = ?",
    )
    .pluck()
    .all(baseUrl, clientId) as string[]
  const existing = ids[0]
  if (existing !== undefined) {
    if (getHuvrConnection(db, secrets, existing)?.clientSecret !== clientSecret)
      setConnectionSecret(secrets, existing, clientSecret)
    return existing
  }
  return addHuvrConnection(db, secrets, clock, {
    name: `HUVR ${new URL(baseUrl).host}`,
    baseUrl,
    clientId,
    clientSecret,
  }).id
}

/**
 * A TransAM account given by TRANSAM_URL and TRANSAM_EMAIL; TRANSAM_PASSWORD is used to sign in
 * only when the account has no token yet, once, and never again if TransAM refused it (see
 * signInToTransam). Returns the connection id and, when a sign-in was tried and failed, why.
 */
export async function ensureTransamConnectionFromEnv(
  core: Pick<Core, 'db' | 'secrets' | 'clock' | 'sync'>,
  env: NodeJS.ProcessEnv,
): Promise<{ id: string; signInError: string | null } | null> {
  const db = core.db
  const baseUrl = env.TRANSAM_URL?.replace(/\/+$/, '')
  const email = env.TRANSAM_EMAIL
  if (!db || !baseUrl || !email) return null
  const existing = db
    .prepare(
      "SELECT id FROM connections WHERE system = 'transam' AND base_url = ? AND json_extract(config, '$.email') = ?",
    )
    .pluck()
    .get(baseUrl, email) as string | undefined
  const id =
    existing ??
    addTransamConnection(db, core.clock, {
      name: `TransAM ${new URL(baseUrl).host}`,
      baseUrl,
      email,
    }).id
  const password = env.TRANSAM_PASSWORD
  if (getTransamConnection(db, core.secrets, id)?.token !== null || !password)
    return { id, signInError: null }
  const result = await core.sync.signInTransam(id, password)
  return {
    id,
    signInError: result.ok ? null : [result.message, result.warning].filter(Boolean).join(' '),
  }
}
