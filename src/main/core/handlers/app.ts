import { countConnections } from '../../connections/store'
import { schemaVersion } from '../../db/database'
import type { Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'
import { readStatus } from '../status'
import { APP_NAME, APP_VERSION } from '../version'

export function appHandlers(ctx: CoreContext): Pick<Handlers, 'app.info' | 'app.status'> {
  return {
    'app.info': () => {
      const db = ctx.startupError ? null : ctx.db()
      const realAccounts = db ? countConnections(db).real : 0
      return {
        name: APP_NAME,
        version: APP_VERSION,
        mode: ctx.mode,
        dataDir: ctx.dataDir,
        schemaVersion: db ? schemaVersion(db) : null,
        workspace: ctx.sandbox !== null && realAccounts === 0 ? 'sandbox' : 'configured',
        secretsProtection: ctx.secrets.protection,
        startupError: ctx.startupError
          ? {
              code: ctx.startupError.code,
              message: ctx.startupError.message,
              hint: ctx.startupError.hint,
            }
          : null,
      }
    },
    'app.status': () => readStatus(ctx.db(), ctx.dataDir),
  }
}
