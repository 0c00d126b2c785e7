import type { Database } from 'better-sqlite3'
import type { FieldValues, RecordView, ResolveParams } from '../../shared/rpc/outbox-contract'
import type { Clock } from '../platform/ports'
import { RpcError } from '../rpc/dispatcher'
import { childKindsOf, KINDS } from './kinds'
import { bindId, isLocalId, readLocal } from './local-records'
import { addHistory, entryById, hasConflicts, omit, saveEntry, type OutboxEntry } from './rows'
import type { OutboxStore } from './store'

type Row = Record<string, unknown>
interface Snapshot {
  outbox: Row[]
  records: { table: string; row: Row }[]
}

/** The inspector's decisions on outbox items: retry, discard (with undo) and conflict choices. */
export class OutboxDecisions {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly store: OutboxStore,
  ) {}

  /** Failed items (one, or all) go back in the queue, to be sent at once. */
  retry(itemId?: number): number {
    const changed = this.db
      .prepare(
        `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = NULL, last_error = NULL,
           field_errors = '{}', updated_at = ?
         WHERE state = 'failed' ${itemId === undefined ? '' : 'AND id = ?'}`,
      )
      .run(this.clock.now(), ...(itemId === undefined ? [] : [itemId])).changes
    for (const connectionId of this.#connections()) this.store.countsChanged(connectionId)
    return changed
  }

  /**
   * Drops an item. A record created here goes with it (and what waits on it); the item and rows
   * are kept whole in discarded_edits, so Undo puts everything back as it was.
   */
  discard(itemId: number): { undoId: number } {
    const entry = this.#entry(itemId)
    if (entry.state === 'in-flight' || this.store.busy.has(entry.id))
      throw new RpcError(
        'refused',
        'This change is being sent, or may already be on the server; wait for the push to finish.',
      )
    const ref = { connectionId: entry.connectionId, kind: entry.kind, id: entry.entityId }
    const undoId = this.db.transaction(() => {
      const snapshot: Snapshot = { outbox: [], records: [] }
      if (entry.op === 'create')
        this.#takeRecord(snapshot, entry.kind, entry.connectionId, entry.entityId)
      else this.#takeItem(snapshot, entry.id)
      addHistory(this.db, this.clock, ref, 'discarded', 'Local changes discarded')
      return Number(
        this.db
          .prepare(
            'INSERT INTO discarded_edits (connection_id, discarded_at, snapshot) VALUES (?, ?, ?)',
          )
          .run(entry.connectionId, this.clock.now(), JSON.stringify(snapshot)).lastInsertRowid,
      )
    })()
    this.store.recordChanged(ref)
    this.store.countsChanged(entry.connectionId)
    return { undoId }
  }

  undoDiscard(undoId: number): void {
    const row = this.db
      .prepare('SELECT connection_id, snapshot FROM discarded_edits WHERE id = ?')
      .get(undoId) as { connection_id: string; snapshot: string } | undefined
    if (!row) throw new RpcError('not-found', 'There is nothing to undo any more.')
    const snapshot = JSON.parse(row.snapshot) as Snapshot
    this.db.transaction(() => {
      for (const { table, row: record } of snapshot.records) insertRow(this.db, table, record)
      for (const item of snapshot.outbox) {
        const free =
          this.db.prepare('SELECT 1 FROM outbox WHERE id = ?').get(item['id']) === undefined
        const { id, ...rest } = item
        insertRow(this.db, 'outbox', free ? { id, ...rest } : rest)
        addHistory(
          this.db,
          this.clock,
          {
            connectionId: String(item['connection_id']),
            kind: KINDS[item['entity_kind'] as keyof typeof KINDS].kind,
            id: String(item['entity_id']),
          },
          'restored',
          'Discarded changes restored',
        )
      }
      this.db.prepare('DELETE FROM discarded_edits WHERE id = ?').run(undoId)
    })()
    this.store.countsChanged(row.connection_id)
  }

  resolve(params: ResolveParams): RecordView {
    const entry = this.#entry(params.itemId)
    const ref = { connectionId: entry.connectionId, kind: entry.kind, id: entry.entityId }
    this.db.transaction(() => {
      if (params.choice === 'recreate') this.#recreate(entry)
      else {
        const conflict = entry.conflicts.fields[params.field]
        if (!conflict) throw new RpcError('not-found', `There is no conflict on ${params.field}.`)
        entry.conflicts.fields = omit(entry.conflicts.fields, params.field)
        // Their value becomes the base: the next push sees the server unchanged and sends ours.
        if (params.choice === 'theirs') {
          entry.payload = omit(entry.payload, params.field)
          entry.base = omit(entry.base, params.field)
        } else {
          entry.base[params.field] = conflict.theirs
          entry.payload[params.field] = params.choice === 'mine' ? conflict.mine : params.value
        }
        const chosen: FieldValues = {
          [params.field]:
            params.choice === 'theirs' ? conflict.theirs : (entry.payload[params.field] ?? null),
        }
        addHistory(
          this.db,
          this.clock,
          ref,
          'resolved',
          `Kept ${describeChoice(params.choice)}`,
          chosen,
        )
      }
      if (!hasConflicts(entry)) entry.state = 'pending'
      if (Object.keys(entry.payload).length === 0 && !hasConflicts(entry))
        this.db.prepare('DELETE FROM outbox WHERE id = ?').run(entry.id)
      else saveEntry(this.db, this.clock, entry)
    })()
    this.store.recordChanged(ref)
    this.store.countsChanged(entry.connectionId)
    return this.store.view(ref)
  }

  /** A record deleted on the server is sent again as a new one, with every value it showed. */
  #recreate(entry: OutboxEntry): void {
    if (!entry.conflicts.deleted)
      throw new RpcError('refused', 'This record was not deleted on the server.')
    const spec = KINDS[entry.kind]
    if (spec.system !== 'huvr' || spec.kind === 'huvr.checklist' || spec.kind === 'huvr.asset')
      throw new RpcError(
        'refused',
        'This kind of record cannot be recreated here; discard the edits instead.',
      )
    const local = readLocal(this.db, spec, entry.connectionId, entry.entityId)
    const rules = spec.rules(local?.data ?? null)
    const values = { ...(local ? spec.read(local.data) : {}), ...entry.payload }
    entry.op = 'create'
    entry.payload = Object.fromEntries(
      Object.entries(values).filter(([field, value]) => field in rules && value !== null),
    )
    entry.base = {}
    entry.conflicts = { fields: {}, deleted: false }
    addHistory(
      this.db,
      this.clock,
      { connectionId: entry.connectionId, kind: entry.kind, id: entry.entityId },
      'resolved',
      'Will be created again on the server',
    )
  }

  #entry(itemId: number): OutboxEntry {
    const entry = entryById(this.db, itemId)
    if (!entry) throw new RpcError('not-found', 'This change is no longer waiting to be sent.')
    return entry
  }

  #takeItem(snapshot: Snapshot, itemId: number): void {
    snapshot.outbox.push(this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(itemId) as Row)
    this.db.prepare('DELETE FROM outbox WHERE id = ?').run(itemId)
  }

  /** A record created here, its items, and (recursively) the records waiting on it. */
  #takeRecord(
    snapshot: Snapshot,
    kind: OutboxEntry['kind'],
    connectionId: string,
    id: string,
  ): void {
    const spec = KINDS[kind]
    if (!isLocalId(id)) {
      // A recreate of a server record: only its items go, the cached copy stays.
      for (const itemId of this.#itemIds(connectionId, kind, id)) this.#takeItem(snapshot, itemId)
      return
    }
    for (const child of childKindsOf(kind)) {
      const children = this.db
        .prepare(
          `SELECT remote_id FROM ${child.table} WHERE connection_id = ? AND ${child.parent?.column} = ?`,
        )
        .pluck()
        .all(connectionId, Number(id)) as number[]
      for (const childId of children)
        this.#takeRecord(snapshot, child.kind, connectionId, String(childId))
    }
    for (const itemId of this.#itemIds(connectionId, kind, id)) this.#takeItem(snapshot, itemId)
    const row = this.db
      .prepare(`SELECT * FROM ${spec.table} WHERE connection_id = ? AND remote_id = ?`)
      .get(connectionId, bindId(spec, id)) as Row | undefined
    if (row) {
      snapshot.records.push({ table: spec.table, row })
      this.db
        .prepare(`DELETE FROM ${spec.table} WHERE connection_id = ? AND remote_id = ?`)
        .run(connectionId, bindId(spec, id))
    }
  }

  #itemIds(connectionId: string, kind: string, id: string): number[] {
    return this.db
      .prepare(
        'SELECT id FROM outbox WHERE connection_id = ? AND entity_kind = ? AND entity_id = ? ORDER BY id',
      )
      .pluck()
      .all(connectionId, kind, id) as number[]
  }

  #connections(): string[] {
    return this.db.prepare('SELECT id FROM connections').pluck().all() as string[]
  }
}

function insertRow(db: Database, table: string, row: Row): void {
  const columns = Object.keys(row)
  db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...columns.map((c) => row[c]))
}

function describeChoice(choice: 'mine' | 'theirs' | 'merged'): string {
  return choice === 'mine'
    ? 'my value'
    : choice === 'theirs'
      ? "the server's value"
      : 'a merged value'
}
