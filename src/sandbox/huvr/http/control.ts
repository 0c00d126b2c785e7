import { handleControl as handleCommonControl } from '../../common/control'
import type { Reply } from '../../common/reply'
import type { HuvrRuntime } from '../runtime'

/**
 * `/_simulator/…` (see common/control.ts), plus:
 *
 *   POST   /_simulator/expire-tokens  every issued token becomes expired
 */
export function handleControl(
  runtime: HuvrRuntime,
  method: string,
  path: string,
  body: Buffer,
): Reply {
  return handleCommonControl(runtime, method, path, body, {
    'POST expire-tokens': () => runtime.tokens.expireAll(runtime.clock()),
  })
}
