import { describe, expect, it } from 'vitest'
import { createSilentLogger } from '../../src/main/log/logger'
import { createDispatcher, RpcError, type Handlers } from '../../src/main/rpc/dispatcher'
import { DEFAULT_SETTINGS } from '../../src/shared/settings'
import { METHOD_NAMES } from '../../src/shared/rpc/names'
import { rpcContract } from '../../src/shared/rpc/contract'

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = () => {
    throw new Error('not used in this test')
  }
  const everyMethod = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, unused]),
  ) as unknown as Handlers
  return {
    ...everyMethod,
    'settings.get': () => DEFAULT_SETTINGS,
    'settings.update': (patch) => ({ ...DEFAULT_SETTINGS, ...patch }),
    ...overrides,
  }
}

const log = createSilentLogger()

describe('dispatcher', () => {
  it('answers an unknown method with unknown-method', async () => {
    const result = await createDispatcher(handlers(), { log }).dispatch('db.dropEverything', {})
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown-method', message: expect.stringContaining('db.dropEverything') },
    })
  })

  it('answers a non-string method name without crashing', async () => {
    const result = await createDispatcher(handlers(), { log }).dispatch({ toString: null }, {})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('unknown-method')
  })

  it('answers invalid params with invalid-params naming the field', async () => {
    const dispatcher = createDispatcher(handlers(), { log })
    const wrongType = await dispatcher.dispatch('settings.update', { uploadConcurrency: 'lots' })
    expect(wrongType).toEqual({
      ok: false,
      error: { code: 'invalid-params', message: expect.stringContaining('uploadConcurrency') },
    })
    const extraField = await dispatcher.dispatch('settings.update', { deleteAll: true })
    expect(extraField.ok).toBe(false)
    const notAnObject = await dispatcher.dispatch('settings.get', 'please')
    expect(notAnObject.ok).toBe(false)
  })

  it('passes validated params to the handler and wraps its value', async () => {
    const result = await createDispatcher(handlers(), { log }).dispatch('settings.update', {
      uploadConcurrency: 2,
    })
    expect(result).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, uploadConcurrency: 2 } })
  })

  it('turns an RpcError into its code and any other throw into internal', async () => {
    const dispatcher = createDispatcher(
      handlers({
        'settings.get': () => {
          throw new RpcError('not-found', 'No such thing')
        },
        'settings.update': async () => {
          throw new TypeError('boom')
        },
      }),
      { log },
    )
    expect(await dispatcher.dispatch('settings.get', {})).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No such thing' },
    })
    expect(await dispatcher.dispatch('settings.update', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'settings.update failed: boom' },
    })
  })

  it('catches a result that drifted from the contract when results are checked', async () => {
    const drifting = handlers({
      'settings.get': () => ({ ...DEFAULT_SETTINGS, uploadConcurrency: -1 }),
    })
    const result = await createDispatcher(drifting, { log, checkResults: true }).dispatch(
      'settings.get',
      {},
    )
    expect(result.ok).toBe(false)
  })

  it('has a params and result schema for every method name', () => {
    expect(Object.keys(rpcContract).sort()).toEqual([...METHOD_NAMES].sort())
  })
})
