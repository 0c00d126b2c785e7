import { confirmedHuvrFor, decideLink, suggestLinks } from '../../cache/asset-links'
import { getAsset, getProject } from '../../cache/huvr-queries'
import {
  documentsOfAsset,
  getDocumentRow,
  getTransamAssetRecord,
  getTransamAssetRow,
  setTransamAvailableOffline,
} from '../../cache/transam-queries'
import { addTransamConnection } from '../../connections/store'
import { requireFound, type Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'

type TransamMethods =
  | 'connections.addTransam'
  | 'connections.signInTransam'
  | 'connections.signOutTransam'
  | 'transam.assets.get'
  | 'transam.assets.setAvailableOffline'
  | 'documents.fetch'
  | 'links.suggestions'
  | 'links.decide'

/** The offline cache's answer for a missing record. */
function found<T>(value: T | null, what: string): T {
  return requireFound(
    value,
    `${what} is not in the offline cache (it may have been deleted in TransAM).`,
  )
}

export function transamHandlers(ctx: CoreContext): Pick<Handlers, TransamMethods> {
  return {
    'connections.addTransam': (account) => {
      const sandbox = ctx.sandbox?.transam?.baseUrl === account.baseUrl.replace(/\/+$/, '')
      const summary = addTransamConnection(ctx.db(), ctx.clock, { ...account, sandbox })
      ctx.events.emit('connections.changed', null)
      return summary
    },
    'connections.signInTransam': async ({ id, password }) => {
      const result = await ctx.sync().signInTransam(id, password)
      ctx.events.emit('connections.changed', null)
      return result
    },
    'connections.signOutTransam': async ({ id }) => {
      await ctx.sync().signOutTransam(id)
      ctx.events.emit('connections.changed', null)
      return null
    },
    'transam.assets.get': ({ connectionId, key }) => {
      const db = ctx.db()
      const row = found(getTransamAssetRow(db, connectionId, key), `Asset ${key}`)
      const linkedHuvr = confirmedHuvrFor(db, connectionId, key).flatMap((ref) => {
        const asset = getAsset(db, ref.connectionId, ref.id)
        if (!asset) return []
        // Media is cached for projects available offline only.
        const media = asset.projects.flatMap(
          (project) => getProject(db, ref.connectionId, project.id)?.media ?? [],
        )
        return [
          {
            asset: {
              connectionId: ref.connectionId,
              id: ref.id,
              name: asset.row.name,
              assetPath: asset.row.assetPath,
            },
            projects: asset.projects,
            media,
          },
        ]
      })
      return {
        row,
        record: getTransamAssetRecord(db, connectionId, key) ?? {},
        documents: documentsOfAsset(db, connectionId, key),
        linkedHuvr,
        suggestions: suggestLinks(db, 20, { transam: { connectionId, key } }),
      }
    },
    'transam.assets.setAvailableOffline': ({ connectionId, key, available }) =>
      found(setTransamAvailableOffline(ctx.db(), connectionId, key, available), `Asset ${key}`),
    'documents.fetch': async ({ connectionId, key }) => {
      const row = found(getDocumentRow(ctx.db(), connectionId, key), `Document ${key}`)
      if (row.fileSha256 !== null && ctx.files.pathFor(row.fileSha256) !== null) return row
      await ctx.sync().fetchDocument(connectionId, key)
      return found(getDocumentRow(ctx.db(), connectionId, key), `Document ${key}`)
    },
    'links.suggestions': ({ limit }) => suggestLinks(ctx.db(), limit),
    'links.decide': ({ decision, ...ref }) => {
      const db = ctx.db()
      const reasons =
        suggestLinks(db, 1, {
          huvr: { connectionId: ref.huvrConnectionId, id: ref.huvrId },
          transam: { connectionId: ref.transamConnectionId, key: ref.transamKey },
        })[0]?.reasons ?? []
      decideLink(db, ref, decision, reasons, ctx.clock.now())
      return null
    },
  }
}
