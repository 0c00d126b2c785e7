import type { Database } from 'better-sqlite3'
import type {
  EditableKind,
  FieldValues,
  LinkedMedia,
  OutboxCounts,
  OutboxItem,
  RecordView,
  SyncState,
} from '../../shared/rpc/outbox-contract'
import type { EventBus } from '../core/events'
import type { Clock } from '../platform/ports'
import { RpcError } from '../rpc/dispatcher'
import { checkValue, childKindsOf, KINDS, type Data, type KindSpec } from './kinds'
import { deleteLocal, isLocalId, nextLocalId, readLocal, writeLocal } from './local-records'
import {
  addHistory,
  deleteEntry,
  entriesOf,
  fieldList,
  hasConflicts,
  historyOf,
  insertEntry,
  queryEntries,
  saveEntry,
  type OutboxEntry,
  type RecordRef,
  omit,
} from './rows'

/**
 * Local edits: each lands in the cache and the outbox in one transaction. Edits to one record
 * coalesce into its last unsent item (one PATCH of the changed fields); an item being sent is
 * never changed under the push (`busy`), a newer item queues behind it instead.
 */
export class OutboxStore {
  /** Items the push is sending right now. */
  readonly busy = new Set<number>()

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  view(ref: RecordRef): RecordView {
    const spec = KINDS[ref.kind]
    const local = readLocal(this.db, spec, ref.connectionId, ref.id)
    if (!local) throw new RpcError('not-found', 'This record is not in the offline cache.')
    return this.#view(spec, ref, local.data, entriesOf(this.db, ref.connectionId, ref.kind, ref.id))
  }

  /**
   * The server's id of a record created here and since sent, or null. A page restored after a
   * restart, or a link written before the push, may still name the record by its local id.
   */
  serverIdOf(ref: RecordRef): string | null {
    const row = this.db
      .prepare(
        'SELECT remote_id FROM remote_creations WHERE connection_id = ? AND entity_kind = ? AND local_id = ?',
      )
      .pluck()
      .get(ref.connectionId, ref.kind, ref.id)
    return typeof row === 'string' ? row : null
  }

  /** Every record of a kind under a parent (a project's defects, readings or checklists). */
  listByParent(connectionId: string, kind: EditableKind, parentId: string): RecordView[] {
    const spec = KINDS[kind]
    const rows = this.db
      .prepare(
        `SELECT remote_id AS id, data FROM ${spec.table} WHERE connection_id = ? AND project_id = ? ORDER BY remote_id < 0, abs(remote_id)`,
      )
      .all(connectionId, Number(parentId)) as { id: number | string; data: string }[]
    return rows.map((row) => {
      const ref = { connectionId, kind, id: String(row.id) }
      return this.#view(
        spec,
        ref,
        JSON.parse(row.data) as Data,
        entriesOf(this.db, connectionId, kind, ref.id),
        false,
      )
    })
  }

  /**
   * The photos linked to a defect: those the server's media name it in their overlays, and
   * those linked here (sent or not) that a pull has not brought back on the media yet.
   */
  linkedMedia(connectionId: string, defectId: string): LinkedMedia[] {
    const onServer = this.db
      .prepare(
        `SELECT m.remote_id AS mediaId, m.name, m.thumbnail_sha256 AS thumbnailSha256 FROM huvr_media m
         WHERE m.connection_id = ? AND EXISTS (SELECT 1 FROM json_each(m.data, '$.overlays') o
           WHERE coalesce(json_extract(o.value, '$.defect.id'), json_extract(o.value, '$.defect')) = ?)`,
      )
      .all(connectionId, Number(defectId)) as Omit<LinkedMedia, 'syncState' | 'itemId'>[]
    const linked = new Map<number, LinkedMedia>(
      onServer.map((media) => [media.mediaId, { ...media, syncState: 'synced', itemId: null }]),
    )
    const made = this.db
      .prepare(
        `SELECT o.remote_id AS id, o.media_id AS mediaId, m.name, m.thumbnail_sha256 AS thumbnailSha256
         FROM huvr_overlays o LEFT JOIN huvr_media m ON m.connection_id = o.connection_id AND m.remote_id = o.media_id
         WHERE o.connection_id = ? AND o.defect_id = ? ORDER BY o.local_id`,
      )
      .all(connectionId, Number(defectId)) as (Omit<LinkedMedia, 'syncState' | 'itemId'> & {
      id: number
    })[]
    for (const { id, ...media } of made) {
      if (linked.has(media.mediaId)) continue
      // Only the sync state is needed: no history, and the row was read above.
      const ref = { connectionId, kind: 'huvr.overlay' as const, id: String(id) }
      const view = this.#view(
        KINDS[ref.kind],
        ref,
        {},
        entriesOf(this.db, connectionId, ref.kind, ref.id),
        false,
      )
      linked.set(media.mediaId, { ...media, syncState: view.syncState, itemId: view.itemId })
    }
    return [...linked.values()]
  }

  update(ref: RecordRef, changes: FieldValues): RecordView {
    const spec = KINDS[ref.kind]
    const edit = this.db.transaction(() => {
      const local = readLocal(this.db, spec, ref.connectionId, ref.id)
      if (!local) throw new RpcError('not-found', 'This record is not in the offline cache.')
      const entries = entriesOf(this.db, ref.connectionId, ref.kind, ref.id)
      const last = entries.at(-1)
      if (last?.op === 'delete')
        throw new RpcError('refused', 'This record is deleted here; undo the deletion to edit it.')
      const open = last !== undefined && this.#isOpen(last) ? last : null
      const editingCreate = open?.op === 'create'
      // An unsent create is checked whole: required fields it already has need not be re-sent.
      this.#check(
        spec,
        local.data,
        editingCreate ? { ...open.payload, ...changes } : changes,
        editingCreate,
      )

      if (open?.op === 'create') {
        open.payload = { ...open.payload, ...changes }
        reopen(open, changes)
        saveEntry(this.db, this.clock, open)
        writeLocal(this.db, spec, ref.connectionId, ref.id, spec.apply(local.data, changes), 0)
      } else if (open?.op === 'update') {
        mergeUpdate(open, changes, expectedServer(spec, local.data, entries.slice(0, -1)))
        reopen(open, changes)
        if (Object.keys(open.payload).length === 0 && !hasConflicts(open))
          deleteEntry(this.db, open.id)
        else saveEntry(this.db, this.clock, open)
      } else {
        const item: OutboxEntry = {
          ...blankEntry(ref),
          op: 'update',
        }
        mergeUpdate(item, changes, expectedServer(spec, local.data, entries))
        if (Object.keys(item.payload).length > 0)
          insertEntry(this.db, this.clock, {
            ...ref,
            entityId: ref.id,
            op: 'update',
            payload: item.payload,
            base: item.base,
          })
      }
      addHistory(this.db, this.clock, ref, 'edited', `Changed ${fieldList(changes)}`, changes)
    })
    edit()
    this.#changed(ref)
    return this.view(ref)
  }

  create(connectionId: string, kind: EditableKind, fields: FieldValues): RecordView {
    const spec = KINDS[kind]
    const make = this.db.transaction(() => {
      const complete = this.#completeCreateFields(spec, connectionId, fields)
      this.#check(spec, null, complete, true)
      const id = nextLocalId(this.db)
      const data = spec.apply(this.#createShape(spec, connectionId, id, complete), complete)
      writeLocal(this.db, spec, connectionId, id, data, 0)
      insertEntry(this.db, this.clock, {
        connectionId,
        kind,
        entityId: id,
        op: 'create',
        payload: complete,
        base: {},
      })
      addHistory(
        this.db,
        this.clock,
        { connectionId, kind, id },
        'created',
        'Created here',
        complete,
      )
      return id
    })
    const id = make()
    const ref = { connectionId, kind, id }
    this.#changed(ref)
    return this.view(ref)
  }

  remove(ref: RecordRef): void {
    const spec = KINDS[ref.kind]
    this.db.transaction(() => {
      if (!readLocal(this.db, spec, ref.connectionId, ref.id))
        throw new RpcError('not-found', 'This record is not in the offline cache.')
      const entries = entriesOf(this.db, ref.connectionId, ref.kind, ref.id)
      const first = entries[0]
      const unsent = first?.op === 'create' && this.#isOpen(first)
      if (spec.deletable === false && !unsent)
        throw new RpcError('refused', `${spec.title({}, ref.id)}: HUVR offers no way to remove it.`)
      const last = entries.at(-1)
      if (last?.op === 'delete') return
      if (unsent) {
        // Never sent: nothing to tell the server, so it goes with everything waiting on it.
        this.#dropUnsent(ref)
        return
      }
      if (last?.op === 'update' && this.#isOpen(last)) {
        Object.assign(last, { op: 'delete', payload: {}, base: {}, fieldErrors: {} })
        last.conflicts = { fields: {}, deleted: false }
        last.state = 'pending'
        saveEntry(this.db, this.clock, last)
      } else
        insertEntry(this.db, this.clock, {
          ...ref,
          entityId: ref.id,
          op: 'delete',
          payload: {},
          base: {},
        })
      addHistory(this.db, this.clock, ref, 'deleted', 'Deleted here')
    })()
    this.#changed(ref)
  }

  list(state?: OutboxEntry['state']): OutboxItem[] {
    const entries = queryEntries(
      this.db,
      `SELECT * FROM outbox ${state === undefined ? '' : 'WHERE state = ?'} ORDER BY id LIMIT 5000`,
      ...(state === undefined ? [] : [state]),
    )
    return entries.map((entry) => {
      const spec = KINDS[entry.kind]
      const local = readLocal(this.db, spec, entry.connectionId, entry.entityId)
      const parent = spec.parent === undefined ? null : entry.payload[spec.parent.field]
      return {
        itemId: entry.id,
        connectionId: entry.connectionId,
        kind: entry.kind,
        id: entry.entityId,
        title: spec.title(local?.data ?? {}, entry.entityId),
        op: entry.op,
        state: entry.state,
        fields: entry.payload,
        attempts: entry.attempts,
        nextAttemptAt: entry.nextAttemptAt,
        lastError: entry.lastError,
        fieldErrors: entry.fieldErrors,
        conflicts: Object.entries(entry.conflicts.fields).map(([field, c]) => ({ field, ...c })),
        deletedOnServer: entry.conflicts.deleted,
        waitingForParent: typeof parent === 'number' && parent < 0,
      }
    })
  }

  counts(connectionId?: string): OutboxCounts {
    const rows = this.db
      .prepare(
        `SELECT state, count(*) AS n FROM outbox ${connectionId === undefined ? '' : 'WHERE connection_id = ?'} GROUP BY state`,
      )
      .all(...(connectionId === undefined ? [] : [connectionId])) as { state: string; n: number }[]
    const counts: OutboxCounts = { pending: 0, failed: 0, conflict: 0 }
    for (const { state, n } of rows) {
      if (state === 'failed') counts.failed += n
      else if (state === 'conflict') counts.conflict += n
      else counts.pending += n
    }
    return counts
  }

  /** Tells every window a record changed (or got its server id). */
  recordChanged(ref: RecordRef & { newId?: string }): void {
    this.events.emit('record.changed', ref)
  }

  /** Tells every window the outbox counts moved. */
  countsChanged(connectionId: string): void {
    this.events.emit('outbox.changed', { connectionId, counts: this.counts(connectionId) })
  }

  #changed(ref: RecordRef): void {
    this.recordChanged(ref)
    this.countsChanged(ref.connectionId)
  }

  /** Not being sent and not already sent: an edit may still change it. */
  #isOpen(entry: OutboxEntry): boolean {
    return entry.state !== 'in-flight' && !this.busy.has(entry.id)
  }

  #check(spec: KindSpec, data: Data | null, values: FieldValues, creating: boolean): void {
    const rules = spec.rules(data)
    const problems: string[] = []
    for (const [field, value] of Object.entries(values)) {
      const rule = rules[field]
      const problem =
        rule?.createOnly === true && !creating
          ? 'This is set when the record is created and cannot change.'
          : checkValue(rule, value)
      if (problem !== null) problems.push(`${field}: ${problem}`)
    }
    if (creating)
      for (const [field, rule] of Object.entries(rules))
        if (rule.required === true && (values[field] ?? null) === null)
          problems.push(`${field}: This field is required.`)
    if (problems.length > 0) throw new RpcError('invalid-params', problems.join(' '))
  }

  /** What the server needs that the form does not ask for: a defect's asset is its project's. */
  #completeCreateFields(spec: KindSpec, connectionId: string, fields: FieldValues): FieldValues {
    if (spec.parent === undefined) return fields
    const parentId = fields[spec.parent.field]
    const parent =
      typeof parentId === 'number'
        ? readLocal(this.db, KINDS[spec.parent.kind], connectionId, String(parentId))
        : null
    if (!parent)
      throw new RpcError(
        'invalid-params',
        `${spec.parent.field}: This project is not in the cache.`,
      )
    if (spec.kind !== 'huvr.defect' || fields['asset_id'] !== undefined) return fields
    return { ...fields, asset_id: KINDS['huvr.project'].read(parent.data)['asset'] ?? null }
  }

  /** The readable names a list shows for a record made here (its asset, type or CML). */
  #createShape(spec: KindSpec, connectionId: string, id: string, fields: FieldValues): Data {
    const shape: Data = { id: Number(id) }
    const name = (sql: string, value: unknown) =>
      (this.db.prepare(sql).pluck().get(connectionId, value) as string | undefined) ?? null
    if (spec.kind === 'huvr.project') {
      shape['asset'] = {
        id: fields['asset'],
        name: name(
          'SELECT name FROM huvr_assets WHERE connection_id = ? AND remote_id = ?',
          fields['asset'],
        ),
      }
      shape['type'] = {
        id: fields['type'],
        name: name(
          "SELECT name FROM huvr_lookups WHERE connection_id = ? AND kind = 'project-types' AND remote_id = ?",
          fields['type'],
        ),
      }
    }
    if (spec.kind === 'huvr.measurement')
      shape['cml'] = {
        id: fields['cml'],
        name: name(
          'SELECT name FROM huvr_cmls WHERE connection_id = ? AND remote_id = ?',
          fields['cml'],
        ),
      }
    return shape
  }

  /** Removes a record created here and never sent, with its unsent children and queued uploads. */
  #dropUnsent(ref: RecordRef): void {
    for (const child of childKindsOf(ref.kind)) {
      const children = this.db
        .prepare(
          `SELECT remote_id FROM ${child.table} WHERE connection_id = ? AND ${child.parent?.column} = ?`,
        )
        .pluck()
        .all(ref.connectionId, Number(ref.id)) as number[]
      for (const childId of children)
        this.#dropUnsent({ connectionId: ref.connectionId, kind: child.kind, id: String(childId) })
    }
    this.db
      .prepare('DELETE FROM outbox WHERE connection_id = ? AND entity_kind = ? AND entity_id = ?')
      .run(ref.connectionId, ref.kind, ref.id)
    deleteLocal(this.db, KINDS[ref.kind], ref.connectionId, ref.id)
    if (ref.kind === 'huvr.project')
      this.db
        .prepare(
          `UPDATE upload_jobs SET state = 'cancelled', last_error = 'Its project was deleted before it reached the server.'
           WHERE connection_id = ? AND target_kind = 'huvr.project' AND target_id = ? AND state <> 'done'`,
        )
        .run(ref.connectionId, ref.id)
    addHistory(this.db, this.clock, ref, 'deleted', 'Deleted before it reached the server')
  }

  #view(
    spec: KindSpec,
    ref: RecordRef,
    data: Data,
    entries: OutboxEntry[],
    withHistory = true,
  ): RecordView {
    const server = isLocalId(ref.id) ? {} : spec.read(data)
    let fields = isLocalId(ref.id) ? {} : { ...server }
    const pending = new Set<string>()
    for (const entry of entries) {
      fields = { ...fields, ...entry.payload }
      for (const field of Object.keys(entry.payload)) pending.add(field)
    }
    const problem =
      entries.find((e) => e.state === 'conflict') ?? entries.find((e) => e.state === 'failed')
    const state: SyncState =
      problem?.state === 'conflict'
        ? 'conflict'
        : problem?.state === 'failed'
          ? 'failed'
          : entries.length > 0
            ? 'pending'
            : 'synced'
    return {
      ...ref,
      title: spec.title({ ...data, ...fields }, ref.id),
      fields,
      serverFields: server,
      pendingFields: [...pending],
      pendingDelete: entries.at(-1)?.op === 'delete',
      syncState: state,
      itemId: (problem ?? entries[0])?.id ?? null,
      conflicts: entries.flatMap((entry) =>
        Object.entries(entry.conflicts.fields).map(([field, c]) => ({ field, ...c })),
      ),
      deletedOnServer: entries.some((entry) => entry.conflicts.deleted),
      fieldErrors: problem?.fieldErrors ?? {},
      lastError: problem?.lastError ?? null,
      record: data,
      history: withHistory ? historyOf(this.db, ref) : [],
    }
  }
}

function blankEntry(ref: RecordRef): OutboxEntry {
  return {
    id: 0,
    connectionId: ref.connectionId,
    kind: ref.kind,
    entityId: ref.id,
    op: 'update',
    payload: {},
    base: {},
    state: 'pending',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    conflicts: { fields: {}, deleted: false },
    fieldErrors: {},
  }
}

/**
 * The server's values once the items before this one are accepted: what an edit's base is.
 * (Edits queued behind an item being sent start from what that item will make the server hold.)
 */
function expectedServer(spec: KindSpec, data: Data, before: OutboxEntry[]): FieldValues {
  let values = spec.read(data)
  for (const entry of before) values = { ...values, ...entry.payload }
  return values
}

/** Adds changes to an update item; a field set back to its base value is no change at all. */
function mergeUpdate(item: OutboxEntry, changes: FieldValues, server: FieldValues): void {
  for (const [field, value] of Object.entries(changes)) {
    if (!(field in item.base)) item.base[field] = server[field] ?? null
    const conflict = item.conflicts.fields[field]
    if (conflict) conflict.mine = value
    if (value === item.base[field] && !conflict) {
      item.payload = omit(item.payload, field)
      item.base = omit(item.base, field)
    } else item.payload[field] = value
  }
}

/** An edit to a refused item is its resubmission: it is tried again as soon as possible. */
function reopen(item: OutboxEntry, changes: FieldValues): void {
  for (const field of Object.keys(changes)) item.fieldErrors = omit(item.fieldErrors, field)
  if (item.state === 'failed') {
    item.state = 'pending'
    item.attempts = 0
    item.nextAttemptAt = null
    item.lastError = null
    item.fieldErrors = {}
  }
}
