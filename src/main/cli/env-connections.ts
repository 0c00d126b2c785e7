import type { Database } from 'better-sqlite3'
import { addHuvrConnection, getHuvrConnection, setConnectionSecret } from '../connections/store'
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
