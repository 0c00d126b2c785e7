import { z } from 'zod'
import type { EditableKind, FieldValues } from '../../shared/rpc/outbox-contract'
import { ConnectorError } from '../connectors/errors'
import type { HuvrClient } from '../connectors/huvr/client'
import type { TransamClient } from '../connectors/transam/client'
import { KINDS, type Data } from './kinds'
import type { LocalRecord } from './local-records'

/** What the push needs from a server, per kind of record. */
export interface Remote {
  /** The server's current copy, or null when it has none (deleted). */
  fetch(kind: EditableKind, record: LocalRecord): Promise<Data | null>
  /** Sends changed fields; answers the server's copy afterwards. */
  update(
    kind: EditableKind,
    record: LocalRecord,
    current: Data,
    changes: FieldValues,
  ): Promise<Data>
  /** Sends a create once (never retried blindly); answers the new record with its id. */
  create(kind: EditableKind, fields: FieldValues): Promise<Data>
  /**
   * After a create whose answer was lost: the record it made, if any. Match rule: same parent,
   * every sent field equal, and not already the result of another of our creates.
   */
  findCreated(
    kind: EditableKind,
    fields: FieldValues,
    claimed: (remoteId: string) => boolean,
  ): Promise<Data | null>
  remove(kind: EditableKind, record: LocalRecord): Promise<void>
}

const looseRecord = z.looseObject({ id: z.number().int() })
const looseList = z.looseObject({
  next: z.string().nullable(),
  results: z.array(looseRecord),
})

const HUVR_PATHS: Partial<Record<EditableKind, string>> = {
  'huvr.asset': '/api/assets/',
  'huvr.project': '/api/projects/',
  'huvr.checklist': '/api/checklists/',
  'huvr.defect': '/api/defects/',
  'huvr.measurement': '/api/measurements/',
}

/** Which list filters narrow the search for a lost create (the rest is compared field by field). */
const HUVR_CREATE_FILTERS: Partial<Record<EditableKind, string[]>> = {
  'huvr.project': ['asset', 'name'],
  'huvr.defect': ['project'],
  'huvr.measurement': ['cml', 'project'],
}

/** The newest overlay linking this photo to this defect (with this note) not claimed already. */
function newestOverlayFor(
  overlays: unknown[],
  fields: FieldValues,
  claimed: (remoteId: string) => boolean,
): Data | null {
  const spec = KINDS['huvr.overlay']
  const matches = overlays
    .map((overlay) => looseRecord.safeParse(overlay))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
    .filter(
      (overlay) =>
        !claimed(String(overlay.id)) &&
        spec.read(overlay)['defect'] === fields['defect'] &&
        (spec.read(overlay)['note'] ?? '') === (fields['note'] ?? ''),
    )
  const newest = matches.reduce<Data | null>(
    (best, overlay) => (best === null || Number(overlay.id) > Number(best['id']) ? overlay : best),
    null,
  )
  return newest === null ? null : { media: fields['media'], ...newest }
}

/** A media record's overlays: where a photo's links to defects live. */
const overlaysPath = (fields: FieldValues) =>
  `/api/inspection-media/${String(fields['media'])}/overlays/`

function huvrPath(kind: EditableKind): string {
  const path = HUVR_PATHS[kind]
  if (path === undefined) throw new Error(`${kind} is not a HUVR kind`)
  return path
}

async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request
  } catch (error) {
    if (error instanceof ConnectorError && error.kind === 'not-found') return null
    throw error
  }
}

export function huvrRemote(client: HuvrClient): Remote {
  return {
    fetch: (kind, record) =>
      orNull(client.get(`${huvrPath(kind)}${record.id}/`, looseRecord)) as Promise<Data | null>,

    async update(kind, record, current, changes) {
      const path = `${huvrPath(kind)}${record.id}/`
      if (kind === 'huvr.checklist') {
        // Checklists have no PATCH: answers go through the edit endpoint, only the changed lines.
        const edit: Record<string, Record<string, { value: unknown }>> = {}
        for (const [field, value] of Object.entries(changes)) {
          const [section = '', line = ''] = field.split('.')
          ;(edit[section] ??= {})[line] = { value }
        }
        return client.send('POST', `${path}edit/`, looseRecord, {
          body: { edit, revert: false },
        }) as Promise<Data>
      }
      let next: Data = current
      const { status, ...fields } = changes
      if (kind === 'huvr.project' && status !== undefined) {
        // A project's status has its own endpoint, which keeps the status history.
        next = (await client.send('POST', `${path}status/`, looseRecord, {
          body: { status, note: 'Changed in Fieldstation' },
        })) as Data
      }
      const patch = kind === 'huvr.project' ? fields : changes
      if (Object.keys(patch).length > 0) {
        // PATCH answers the flat write shape; the cached copy keeps the read shape.
        // Only whether it was accepted matters: the flat answer may even leave out the id.
        await client.send('PATCH', path, z.looseObject({}), { body: patch })
        next = KINDS[kind].apply(next, patch)
      }
      return next
    },

    async create(kind, fields) {
      if (kind !== 'huvr.overlay')
        return (await client.send('POST', huvrPath(kind), looseRecord, {
          body: fields,
          noRetry: true,
        })) as Data
      // HUVR answers with the whole media record (the spec); its overlays hold the new one.
      const answer = await client.send('POST', overlaysPath(fields), looseRecord, {
        body: { defect: fields['defect'], note: fields['note'] ?? '' },
        noRetry: true,
      })
      const overlay = Array.isArray(answer['overlays'])
        ? newestOverlayFor(answer['overlays'], fields, () => false)
        : (answer as Data)
      if (overlay === null)
        throw new ConnectorError(
          'bad-response',
          `HUVR accepted the link of photo ${String(fields['media'])} but does not list it.`,
        )
      return overlay
    },

    async findCreated(kind, fields, claimed) {
      if (kind === 'huvr.overlay') {
        // There is no list of overlays of their own: they come with the media record.
        const media = await client.get(
          `/api/inspection-media/${String(fields['media'])}/`,
          looseRecord,
        )
        return newestOverlayFor(
          Array.isArray(media['overlays']) ? media['overlays'] : [],
          fields,
          claimed,
        )
      }
      const spec = KINDS[kind]
      let query: Record<string, string | number> = { limit: 200, ordering: 'id' }
      for (const filter of HUVR_CREATE_FILTERS[kind] ?? []) {
        const value = fields[filter]
        if (typeof value === 'string' || typeof value === 'number') query[filter] = value
      }
      let url: string | null = huvrPath(kind)
      while (url !== null) {
        const page: z.infer<typeof looseList> = await client.get(url, looseList, query)
        for (const candidate of page.results) {
          if (claimed(String(candidate.id))) continue
          const values = spec.read(candidate)
          const same = Object.entries(fields).every(
            ([field, value]) => !(field in values) || values[field] === value,
          )
          if (same) return candidate
        }
        url = page.next
        // The next link carries the query already.
        query = {}
      }
      return null
    },

    async remove(kind, record) {
      await orNull(client.send('DELETE', `${huvrPath(kind)}${record.id}/`, z.unknown()))
    },
  }
}

const documentData = z.object({
  document: z.looseObject({ object_key: z.string(), description: z.string().nullish() }),
})

export function transamRemote(client: TransamClient): Remote {
  const path = (record: LocalRecord) =>
    `/api/v1/assets/${record.scope ?? ''}/documents/${record.id}`
  const unsupported = (): never => {
    throw new Error('TransAM documents are created by the upload queue, not the outbox.')
  }
  return {
    fetch: async (_kind, record) =>
      (await orNull(client.get(path(record), documentData)))?.document ?? null,
    update: async (_kind, record, current, changes) => ({
      ...current,
      ...(await client.send('PATCH', path(record), documentData, changes)).document,
    }),
    create: unsupported,
    findCreated: unsupported,
    async remove(_kind, record) {
      await orNull(client.send('DELETE', path(record), null))
    },
  }
}
