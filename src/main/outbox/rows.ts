import type { Database } from 'better-sqlite3'
import type {
  EditableKind,
  FieldConflict,
  FieldValues,
  HistoryEntry,
} from '../../shared/rpc/outbox-contract'
import type { Clock } from '../platform/ports'
import { prepared } from './statements'

/** One outbox item. Items of one record are sent strictly in `id` order. */
export interface OutboxEntry {
  id: number
  connectionId: string
  kind: EditableKind
  entityId: string
  op: 'create' | 'update' | 'delete'
  /** create: every field; update: the changed fields and their new values. */
  payload: FieldValues
  /** update: the server's value of each changed field when editing began. */
  base: FieldValues
  state: 'pending' | 'in-flight' | 'failed' | 'conflict'
  attempts: number
  nextAttemptAt: number | null
  lastError: string | null
  conflicts: StoredConflicts
  fieldErrors: Record<string, string[]>
}

/** Fields changed on both sides differently, and whether the server deleted the record. */
export interface StoredConflicts {
  fields: Record<string, Omit<FieldConflict, 'field'>>
  deleted: boolean
}

interface RawEntry {
  id: number
  connection_id: string
  entity_kind: string
  entity_id: string
  op: string
  payload: string
  base: string
  state: string
  attempts: number
  next_attempt_at: number | null
  last_error: string | null
  conflicts: string
  field_errors: string
}

export function toEntry(raw: RawEntry): OutboxEntry {
  const conflicts = JSON.parse(raw.conflicts) as Partial<StoredConflicts>
  return {
    id: raw.id,
    connectionId: raw.connection_id,
    kind: raw.entity_kind as EditableKind,
    entityId: raw.entity_id,
    op: raw.op as OutboxEntry['op'],
    payload: JSON.parse(raw.payload) as FieldValues,
    base: JSON.parse(raw.base) as FieldValues,
    state: raw.state as OutboxEntry['state'],
    attempts: raw.attempts,
    nextAttemptAt: raw.next_attempt_at,
    lastError: raw.last_error,
    conflicts: { fields: conflicts.fields ?? {}, deleted: conflicts.deleted ?? false },
    fieldErrors: JSON.parse(raw.field_errors) as Record<string, string[]>,
  }
}

export function entriesOf(
  db: Database,
  connectionId: string,
  kind: EditableKind,
  id: string,
): OutboxEntry[] {
  return (
    prepared(
      db,
      'SELECT * FROM outbox WHERE connection_id = ? AND entity_kind = ? AND entity_id = ? ORDER BY id',
    ).all(connectionId, kind, id) as RawEntry[]
  ).map(toEntry)
}

export function entryById(db: Database, itemId: number): OutboxEntry | null {
  const raw = prepared(db, 'SELECT * FROM outbox WHERE id = ?').get(itemId) as RawEntry | undefined
  return raw ? toEntry(raw) : null
}

export function queryEntries(db: Database, sql: string, ...params: unknown[]): OutboxEntry[] {
  return (prepared(db, sql).all(...params) as RawEntry[]).map(toEntry)
}

/** Writes an item back whole (payload, base, state, conflicts, errors, timing). */
export function saveEntry(db: Database, clock: Clock, entry: OutboxEntry): void {
  prepared(
    db,
    `UPDATE outbox SET op = ?, payload = ?, base = ?, state = ?, attempts = ?, next_attempt_at = ?,
       last_error = ?, conflicts = ?, field_errors = ?, updated_at = ? WHERE id = ?`,
  ).run(
    entry.op,
    JSON.stringify(entry.payload),
    JSON.stringify(entry.base),
    entry.state,
    entry.attempts,
    entry.nextAttemptAt,
    entry.lastError,
    JSON.stringify(entry.conflicts),
    JSON.stringify(entry.fieldErrors),
    clock.now(),
    entry.id,
  )
}

export function insertEntry(
  db: Database,
  clock: Clock,
  entry: Pick<OutboxEntry, 'connectionId' | 'kind' | 'entityId' | 'op' | 'payload' | 'base'>,
): number {
  const now = clock.now()
  return Number(
    prepared(
      db,
      `INSERT INTO outbox (connection_id, entity_kind, entity_id, op, payload, base, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      entry.connectionId,
      entry.kind,
      entry.entityId,
      entry.op,
      JSON.stringify(entry.payload),
      JSON.stringify(entry.base),
      now,
      now,
    ).lastInsertRowid,
  )
}

export function deleteEntry(db: Database, itemId: number): void {
  prepared(db, 'DELETE FROM outbox WHERE id = ?').run(itemId)
}

export const hasConflicts = (entry: OutboxEntry): boolean =>
  entry.conflicts.deleted || Object.keys(entry.conflicts.fields).length > 0

export interface RecordRef {
  connectionId: string
  kind: EditableKind
  id: string
}

export function addHistory(
  db: Database,
  clock: Clock,
  ref: RecordRef,
  action: HistoryEntry['action'],
  summary: string,
  fields: FieldValues = {},
): void {
  prepared(
    db,
    `INSERT INTO record_history (connection_id, entity_kind, entity_id, at, action, summary, fields)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(ref.connectionId, ref.kind, ref.id, clock.now(), action, summary, JSON.stringify(fields))
}

export function historyOf(db: Database, ref: RecordRef, limit = 100): HistoryEntry[] {
  return (
    prepared(
      db,
      `SELECT seq, at, action, summary, fields FROM record_history
         WHERE connection_id = ? AND entity_kind = ? AND entity_id = ? ORDER BY seq DESC LIMIT ?`,
    ).all(ref.connectionId, ref.kind, ref.id, limit) as (Omit<HistoryEntry, 'fields'> & {
      fields: string
    })[]
  ).map((row) => ({ ...row, fields: JSON.parse(row.fields) as FieldValues }))
}

/** "name, severity" — the changed fields in a history line. */
export const fieldList = (values: Record<string, unknown>): string => Object.keys(values).join(', ')

/** A copy without one key (items are rewritten whole, never mutated in place by key). */
export function omit<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key))
}
