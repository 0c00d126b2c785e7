import { describe, expect, it } from 'vitest'
import { SIMULATORS, startSandbox } from '../../../src/sandbox'
import { huvrSimulator } from '../../../src/sandbox/huvr'
import { read } from './helpers'

describe('sandbox registration', () => {
  it('is registered and starts on 127.0.0.1 with the sandbox service account', async () => {
    expect(SIMULATORS).toContain(huvrSimulator)
    const sandbox = await startSandbox({ simulators: [huvrSimulator] })
    try {
      const huvr = sandbox.systems.huvr!
      expect(huvr.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(Object.keys(huvr.credentials).sort()).toEqual(['client_id', 'client_secret'])
      expect(huvr.credentials['client_id']).toBe(
        'fieldstation.service-account@sandbox.huvrdata.app',
      )
      const signIn = await fetch(`${huvr.baseUrl}/api/auth/obtain-access-token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(huvr.credentials),
      }).then(read)
      expect(signIn.status).toBe(200)
      const assets = await fetch(`${huvr.baseUrl}/api/assets/?limit=1`, {
        headers: { authorization: `Token ${signIn.body.access_token}` },
      }).then(read)
      expect(assets.body.count).toBe(500)
    } finally {
      await sandbox.stop()
    }
  })
})
