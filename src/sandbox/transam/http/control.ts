import { handleControl as handleCommonControl } from '../../common/control'
import type { Reply } from '../../common/reply'
import type { TransamRuntime } from '../runtime'

/**
 * `/_simulator/…` (see common/control.ts), plus:
 *
 *   POST   /_simulator/unlock-users   clears every lockout and failure counter
 */
export function handleControl(
  runtime: TransamRuntime,
  method: string,
  path: string,
  body: Buffer,
): Reply {
  return handleCommonControl(runtime, method, path, body, {
    'POST unlock-users': () => unlockUsers(runtime),
  })
}

export function unlockUsers(runtime: TransamRuntime): void {
  for (const user of runtime.state.users.values()) {
    user.locked_at = null
    user.failed_attempts = 0
  }
}
