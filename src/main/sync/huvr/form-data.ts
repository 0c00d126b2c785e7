import { z } from 'zod'
import { refId } from '../../connectors/huvr/schemas'
import { CacheWriter } from '../cache-writer'
import type { KindSummary } from '../summary'
import type { PullContext } from './pull'

// What the offline forms need besides the records themselves: a checklist's template and
// answers (list items carry neither), the CMLs readings are taken at, and the defect profiles
// and project types a new defect or project must name.

const idRecord = z.looseObject({ id: z.number().int(), name: z.string().nullish() })
const listPage = z.looseObject({ next: z.string().nullable(), results: z.array(idRecord) })
const cmlRecord = idRecord.extend({
  asset: z.union([z.looseObject({ id: z.number().int() }), z.number().int()]).nullish(),
})
const checklistDetail = z.looseObject({
  id: z.number().int(),
  updated_on: z.string().nullish(),
  results: z.record(z.string(), z.unknown()),
})

async function crawl<S extends z.ZodType>(
  ctx: PullContext,
  path: string,
  query: Record<string, string | number>,
  item: S,
): Promise<z.output<S>[]> {
  const records: z.output<S>[] = []
  let url: string | null = path
  let params: Record<string, string | number> = { ...query, limit: ctx.options.pageSize }
  while (url !== null) {
    const page: z.infer<typeof listPage> = await ctx.client.get(url, listPage, params)
    records.push(...page.results.map((record) => item.parse(record) as z.output<S>))
    url = page.next
    params = {}
  }
  return records
}

export const LOOKUPS = {
  'defect-profiles': '/api/defect-profiles/',
  'project-types': '/api/project-types/',
} as const

export async function pullLookups(ctx: PullContext, kind: KindSummary): Promise<void> {
  for (const [name, path] of Object.entries(LOOKUPS)) {
    const records = await crawl(ctx, path, {}, idRecord)
    const now = ctx.clock.now()
    ctx.db.transaction(() => {
      const upsert = ctx.db.prepare(
        `INSERT INTO huvr_lookups (connection_id, kind, remote_id, name, data, synced_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (connection_id, kind, remote_id) DO UPDATE SET name = excluded.name, data = excluded.data, synced_at = excluded.synced_at`,
      )
      for (const record of records)
        upsert.run(
          ctx.connectionId,
          name,
          record.id,
          record.name ?? `#${record.id}`,
          JSON.stringify(record),
          now,
        )
      // Small, complete lists: what the server no longer lists is gone (unless it listed nothing).
      if (records.length > 0)
        ctx.db
          .prepare(
            'DELETE FROM huvr_lookups WHERE connection_id = ? AND kind = ? AND synced_at < ?',
          )
          .run(ctx.connectionId, name, now)
    })()
    kind.fetched += records.length
  }
}

export async function pullCmls(
  ctx: PullContext,
  assetId: number,
  kind: KindSummary,
): Promise<void> {
  const records = await crawl(ctx, '/api/cmls/', { asset: assetId }, cmlRecord)
  const writer = new CacheWriter(ctx.db, 'huvr_cmls')
  const now = ctx.clock.now()
  ctx.db.transaction(() => {
    for (const record of records)
      writer.write(
        ctx.connectionId,
        record.id,
        { asset_id: refId(record.asset) ?? assetId, name: record.name ?? null },
        JSON.stringify(record),
        now,
        kind,
      )
  })()
  kind.fetched += records.length
}

/** A checklist's full record, fetched again only when the list says it changed. */
export async function withChecklistDetails<T extends { id: number; updated_on?: unknown }>(
  ctx: PullContext,
  records: T[],
): Promise<T[]> {
  const cached = ctx.db.prepare(
    `SELECT json_extract(data, '$.updated_on') AS updatedOn, json_type(data, '$.results') AS results
     FROM huvr_checklists WHERE connection_id = ? AND remote_id = ?`,
  )
  const detailed: T[] = []
  for (const record of records) {
    const row = cached.get(ctx.connectionId, record.id) as
      { updatedOn: string | null; results: string | null } | undefined
    const current = row !== undefined && row.results !== null && row.updatedOn === record.updated_on
    detailed.push(
      current
        ? (JSON.parse(
            ctx.db
              .prepare('SELECT data FROM huvr_checklists WHERE connection_id = ? AND remote_id = ?')
              .pluck()
              .get(ctx.connectionId, record.id) as string,
          ) as T)
        : ((await ctx.client.get(
            `/api/checklists/${record.id}/`,
            checklistDetail,
          )) as unknown as T),
    )
  }
  return detailed
}
