import type { Handlers } from '../../rpc/dispatcher'
import type { CoreContext } from '../context'

export function settingsHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => ctx.settings.get(),
    'settings.update': (patch) => {
      const next = ctx.settings.update(patch)
      ctx.events.emit('settings.changed', next)
      return next
    },
  }
}
