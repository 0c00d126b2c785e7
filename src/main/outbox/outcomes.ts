import type { Database } from 'better-sqlite3'
import type { FieldValues } from '../../shared/rpc/outbox-contract'
import type { Clock } from '../platform/ports'
import { childKindsOf, KINDS, type Data } from './kinds'
import { bindId, readLocal, writeLocal } from './local-records'
import {
  addHistory,
  deleteEntry,
  entryById,
  fieldList,
  hasConflicts,
  saveEntry,
  type OutboxEntry,
  type StoredConflicts,
  omit,
} from './rows'

/** What the push learnt about one item, written back in one transaction each. */
export class PushOutcomes {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** A create is about to go out: from here on its outcome is unknown until answered. */
  markSending(entry: OutboxEntry): void {
    entry.state = 'in-flight'
    entry.attempts++
    saveEntry(this.db, this.clock, entry)
  }

  retryLater(entry: OutboxEntry, message: string, delayMs: number): void {
    const current = entryById(this.db, entry.id)
    if (!current) return
    current.attempts = attemptsAfter(current, entry)
    current.nextAttemptAt = this.clock.now() + delayMs
    current.lastError = message
    saveEntry(this.db, this.clock, current)
  }

  fail(entry: OutboxEntry, message: string, fieldErrors: Record<string, string[]>): void {
    this.db.transaction(() => {
      const current = entryById(this.db, entry.id)
      if (!current) return
      // A refused create made nothing on the server: sending it again later is safe.
      current.attempts = attemptsAfter(current, entry)
      current.state = 'failed'
      current.lastError = message
      current.fieldErrors = fieldErrors
      current.nextAttemptAt = null
      saveEntry(this.db, this.clock, current)
      addHistory(this.db, this.clock, ref(entry), 'failed', message)
    })()
  }

  /**
   * The server has the record: the local id becomes the server's everywhere (the cache row,
   * items queued behind it, children waiting for it, uploads into it, the history).
   */
  completeCreate(entry: OutboxEntry, record: Data): string {
    const spec = KINDS[entry.kind]
    const remoteId = String(record['id'])
    const localId = entry.entityId
    const { connectionId } = entry
    this.db.transaction(() => {
      // A pull may have brought the new record in already: the local row takes its place.
      this.db
        .prepare(`DELETE FROM ${spec.table} WHERE connection_id = ? AND remote_id = ?`)
        .run(connectionId, bindId(spec, remoteId))
      this.db
        .prepare(`UPDATE ${spec.table} SET remote_id = ? WHERE connection_id = ? AND remote_id = ?`)
        .run(bindId(spec, remoteId), connectionId, bindId(spec, localId))
      const local = readLocal(this.db, spec, connectionId, remoteId)
      writeLocal(
        this.db,
        spec,
        connectionId,
        remoteId,
        { ...local?.data, ...record },
        this.clock.now(),
      )
      for (const table of ['outbox', 'record_history'])
        this.db
          .prepare(
            `UPDATE ${table} SET entity_id = ? WHERE connection_id = ? AND entity_kind = ? AND entity_id = ?`,
          )
          .run(remoteId, connectionId, entry.kind, localId)
      for (const child of childKindsOf(entry.kind)) {
        const field = child.parent?.field ?? ''
        this.db
          .prepare(
            `UPDATE outbox SET payload = json_set(payload, '$.${field}', ?)
             WHERE connection_id = ? AND entity_kind = ? AND json_extract(payload, '$.${field}') = ?`,
          )
          .run(Number(remoteId), connectionId, child.kind, Number(localId))
        this.db
          .prepare(
            `UPDATE ${child.table} SET ${child.parent?.column} = ?, data = json_set(data, '$.${field}', ?)
             WHERE connection_id = ? AND ${child.parent?.column} = ?`,
          )
          .run(Number(remoteId), Number(remoteId), connectionId, Number(localId))
      }
      if (entry.kind === 'huvr.project')
        this.db
          .prepare(
            `UPDATE upload_jobs SET target_id = ? WHERE connection_id = ? AND target_kind = 'huvr.project' AND target_id = ?`,
          )
          .run(remoteId, connectionId, localId)
      this.db
        .prepare(
          'INSERT OR IGNORE INTO remote_creations (connection_id, entity_kind, remote_id, local_id) VALUES (?, ?, ?, ?)',
        )
        .run(connectionId, entry.kind, remoteId, localId)
      deleteEntry(this.db, entry.id)
      addHistory(
        this.db,
        this.clock,
        { ...ref(entry), id: remoteId },
        'sent',
        `Created on the server as ${remoteId}`,
      )
    })()
    return remoteId
  }

  isClaimed(entry: OutboxEntry, remoteId: string): boolean {
    return (
      this.db
        .prepare(
          'SELECT 1 FROM remote_creations WHERE connection_id = ? AND entity_kind = ? AND remote_id = ?',
        )
        .get(entry.connectionId, entry.kind, remoteId) !== undefined
    )
  }

  /**
   * An update went through (or needed nothing sent). Sent fields the inspector has not changed
   * since leave the item; those changed meanwhile stay, with the sent value as their new base.
   */
  completeUpdate(
    entry: OutboxEntry,
    serverCopy: Data,
    sent: FieldValues,
    conflicts: StoredConflicts['fields'],
    taken: FieldValues,
  ): void {
    const spec = KINDS[entry.kind]
    this.db.transaction(() => {
      writeLocal(this.db, spec, entry.connectionId, entry.entityId, serverCopy, this.clock.now())
      const current = entryById(this.db, entry.id)
      if (!current) return
      for (const field of [...Object.keys(sent), ...Object.keys(taken)]) {
        const done = field in sent ? sent[field] : taken[field]
        if (current.payload[field] === done) {
          current.payload = omit(current.payload, field)
          current.base = omit(current.base, field)
        } else current.base[field] = done ?? null
      }
      for (const [field, conflict] of Object.entries(conflicts)) {
        if (field in current.payload) current.conflicts.fields[field] = conflict
      }
      current.attempts = 0
      current.nextAttemptAt = null
      current.lastError = null
      current.fieldErrors = {}
      if (Object.keys(current.payload).length === 0 && !hasConflicts(current))
        deleteEntry(this.db, current.id)
      else {
        current.state = hasConflicts(current) ? 'conflict' : 'pending'
        saveEntry(this.db, this.clock, current)
      }
      if (Object.keys(sent).length > 0)
        addHistory(this.db, this.clock, ref(entry), 'sent', `Sent ${fieldList(sent)}`, sent)
      if (Object.keys(taken).length > 0)
        addHistory(
          this.db,
          this.clock,
          ref(entry),
          'taken',
          `The server already had ${fieldList(taken)}`,
          taken,
        )
      if (Object.keys(conflicts).length > 0)
        addHistory(
          this.db,
          this.clock,
          ref(entry),
          'conflict',
          `Changed on the server too: ${fieldList(conflicts)}`,
          Object.fromEntries(Object.entries(conflicts).map(([f, c]) => [f, c.theirs])),
        )
    })()
  }

  deletedOnServer(entry: OutboxEntry): void {
    this.db.transaction(() => {
      const current = entryById(this.db, entry.id)
      if (!current) return
      current.state = 'conflict'
      current.conflicts.deleted = true
      current.nextAttemptAt = null
      saveEntry(this.db, this.clock, current)
      addHistory(
        this.db,
        this.clock,
        ref(entry),
        'conflict',
        'Deleted on the server while edited here: recreate it or discard the edits',
      )
    })()
  }

  completeDelete(entry: OutboxEntry): void {
    const spec = KINDS[entry.kind]
    this.db.transaction(() => {
      this.db
        .prepare(`DELETE FROM ${spec.table} WHERE connection_id = ? AND remote_id = ?`)
        .run(entry.connectionId, bindId(spec, entry.entityId))
      this.db
        .prepare('DELETE FROM outbox WHERE connection_id = ? AND entity_kind = ? AND entity_id = ?')
        .run(entry.connectionId, entry.kind, entry.entityId)
      addHistory(this.db, this.clock, ref(entry), 'sent', 'Deleted on the server')
    })()
  }
}

/** Attempts after this one failed: a create counted its attempt already when it went out. */
const attemptsAfter = (current: OutboxEntry, sent: OutboxEntry): number =>
  Math.max(current.attempts, sent.attempts) + (sent.op === 'create' ? 0 : 1)

const ref = (entry: OutboxEntry) => ({
  connectionId: entry.connectionId,
  kind: entry.kind,
  id: entry.entityId,
})
