import { describe, expect, it } from 'vitest'
import { SIMULATORS, startSandbox } from '../../../src/sandbox'
import { huvrSimulator } from '../../../src/sandbox/huvr'
import { SANDBOX_MIRROR_COUNT, transamSimulator } from '../../../src/sandbox/transam'
import { read } from './helpers'

describe('sandbox registration', () => {
  it('is registered and starts with the sandbox user and twins of HUVR’s default assets', async () => {
    expect(SIMULATORS).toContain(transamSimulator)
    expect(transamSimulator.system).toBe('transam')
    const sandbox = await startSandbox({ simulators: [huvrSimulator, transamSimulator] })
    try {
      const transam = sandbox.systems.transam!
      expect(transam.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(Object.keys(transam.credentials).sort()).toEqual(['email', 'password'])
      const signIn = await fetch(`${transam.baseUrl}/api/v1/sign_in`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(transam.credentials),
      }).then(read)
      expect(signIn.status).toBe(200)
      const headers = {
        accept: 'application/json',
        'x-user-email': transam.credentials['email']!,
        'x-user-token': signIn.body.data.session.authentication_token,
      }
      const index = await fetch(`${transam.baseUrl}/api/v1/assets`, { headers }).then(read)
      expect(index.body.data.count).toBeGreaterThan(200)

      // The twins' HUVR names exist in the running HUVR sandbox.
      const huvr = sandbox.systems.huvr!
      const token = await fetch(`${huvr.baseUrl}/api/auth/obtain-access-token/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(huvr.credentials),
      }).then(read)
      const tagged = await fetch(`${transam.baseUrl}/api/v1/assets/filter`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          query: { filters: [{ query_field_id: 3, op: 'like', value: '-' }] },
        }),
      }).then(read)
      const tags = new Set(
        tagged.body.data.assets.map((asset: { asset_tag: string }) => asset.asset_tag),
      )
      const huvrAssets = await fetch(`${huvr.baseUrl}/api/assets/?limit=1000`, {
        headers: { authorization: `Token ${token.body.access_token}` },
      }).then(read)
      const twins = huvrAssets.body.results.filter(
        (asset: { name: string; external_id: string }) =>
          tags.has(asset.name) || tags.has(asset.external_id),
      )
      expect(twins.length).toBeGreaterThan(SANDBOX_MIRROR_COUNT / 2)
    } finally {
      await sandbox.stop()
    }
  })
})
