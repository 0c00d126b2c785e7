import type { Database } from 'better-sqlite3'
import type { LinkRef, LinkSuggestion } from '../../shared/rpc/transam-contract'

/**
 * The rules that suggest a HUVR asset and a TransAM asset are the same thing, each with the
 * reason shown to the inspector. Every comparison is case-insensitive on non-empty values, and
 * each side of each rule has a NOCASE index.
 */
const RULES: { transam: string; huvr: string; reason: (value: string) => string }[] = [
  {
    transam: 'asset_tag',
    huvr: 'name',
    reason: (v) => `TransAM asset tag ${v} is the HUVR asset's name`,
  },
  {
    transam: 'asset_tag',
    huvr: 'external_id',
    reason: (v) => `TransAM asset tag ${v} is the HUVR external id`,
  },
  { transam: 'external_id', huvr: 'external_id', reason: (v) => `Both have external id ${v}` },
  {
    transam: 'serial_number',
    huvr: 'serial_number',
    reason: (v) => `Both have serial number ${v}`,
  },
]

interface MatchRow {
  huvrConnectionId: string
  huvrId: number
  huvrName: string
  huvrPath: string | null
  transamConnectionId: string
  transamKey: string
  transamDescription: string | null
  transamTag: string | null
  value: string
  rule: number
}

export interface SuggestionScope {
  huvr?: { connectionId: string; id: number }
  transam?: { connectionId: string; key: string }
}

/** Pairs not yet confirmed or rejected, most reasons first. */
export function suggestLinks(
  db: Database,
  limit: number,
  scope: SuggestionScope = {},
): LinkSuggestion[] {
  const conditions: string[] = []
  const params: unknown[] = []
  if (scope.huvr) {
    conditions.push('h.connection_id = ? AND h.remote_id = ?')
    params.push(scope.huvr.connectionId, scope.huvr.id)
  }
  if (scope.transam) {
    conditions.push('t.connection_id = ? AND t.remote_id = ?')
    params.push(scope.transam.connectionId, scope.transam.key)
  }
  const scoped = conditions.length === 0 ? '' : `AND ${conditions.join(' AND ')}`
  const selects = RULES.map(
    (rule, index) => `
      SELECT h.connection_id AS huvrConnectionId, h.remote_id AS huvrId, h.name AS huvrName, h.asset_path AS huvrPath,
             t.connection_id AS transamConnectionId, t.remote_id AS transamKey, t.description AS transamDescription,
             t.asset_tag AS transamTag, t.${rule.transam} AS value, ${index} AS rule
      FROM transam_assets t JOIN huvr_assets h ON h.${rule.huvr} = t.${rule.transam} COLLATE NOCASE
      WHERE t.${rule.transam} IS NOT NULL AND t.${rule.transam} <> '' AND h.${rule.huvr} IS NOT NULL ${scoped}
        AND NOT EXISTS (SELECT 1 FROM asset_links l WHERE l.huvr_connection_id = h.connection_id AND l.huvr_id = h.remote_id
                          AND l.transam_connection_id = t.connection_id AND l.transam_key = t.remote_id)`,
  )
  const rows = db
    .prepare(selects.join(' UNION ALL '))
    .all(...selects.flatMap(() => params)) as MatchRow[]
  const pairs = new Map<string, LinkSuggestion>()
  for (const row of rows) {
    const id = `${row.huvrConnectionId}/${row.huvrId}/${row.transamConnectionId}/${row.transamKey}`
    const pair = pairs.get(id) ?? {
      huvr: {
        connectionId: row.huvrConnectionId,
        id: row.huvrId,
        name: row.huvrName,
        assetPath: row.huvrPath,
      },
      transam: {
        connectionId: row.transamConnectionId,
        key: row.transamKey,
        description: row.transamDescription,
        assetTag: row.transamTag,
      },
      reasons: [],
    }
    const reason = RULES[row.rule]?.reason(row.value) ?? row.value
    if (!pair.reasons.includes(reason)) pair.reasons.push(reason)
    pairs.set(id, pair)
  }
  return [...pairs.values()]
    .sort((a, b) => b.reasons.length - a.reasons.length || a.huvr.name.localeCompare(b.huvr.name))
    .slice(0, limit)
}

/** Records the inspector's decision; 'undecided' forgets it, so the pair may be suggested again. */
export function decideLink(
  db: Database,
  ref: LinkRef,
  decision: 'confirmed' | 'rejected' | 'undecided',
  reasons: string[],
  at: number,
): void {
  const key = [ref.huvrConnectionId, ref.huvrId, ref.transamConnectionId, ref.transamKey]
  if (decision === 'undecided') {
    db.prepare(
      'DELETE FROM asset_links WHERE huvr_connection_id = ? AND huvr_id = ? AND transam_connection_id = ? AND transam_key = ?',
    ).run(...key)
    return
  }
  db.prepare(
    `INSERT INTO asset_links (huvr_connection_id, huvr_id, transam_connection_id, transam_key, decision, reasons, decided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET decision = excluded.decision, reasons = excluded.reasons, decided_at = excluded.decided_at`,
  ).run(...key, decision, JSON.stringify(reasons), at)
}

export function confirmedTransamFor(
  db: Database,
  huvrConnectionId: string,
  huvrId: number,
): { connectionId: string; key: string }[] {
  return db
    .prepare(
      `SELECT transam_connection_id AS connectionId, transam_key AS key FROM asset_links
       WHERE huvr_connection_id = ? AND huvr_id = ? AND decision = 'confirmed'`,
    )
    .all(huvrConnectionId, huvrId) as { connectionId: string; key: string }[]
}

export function confirmedHuvrFor(
  db: Database,
  transamConnectionId: string,
  key: string,
): { connectionId: string; id: number }[] {
  return db
    .prepare(
      `SELECT huvr_connection_id AS connectionId, huvr_id AS id FROM asset_links
       WHERE transam_connection_id = ? AND transam_key = ? AND decision = 'confirmed'`,
    )
    .all(transamConnectionId, key) as { connectionId: string; id: number }[]
}
