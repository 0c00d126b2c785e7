import { describe, expect, it } from 'vitest'
import { addHuvrConnection } from '../../src/main/connections/store'
import { startHuvrSimulator } from '../../src/sandbox/huvr'
import { huvrMirrorCandidates } from '../../src/sandbox/transam'
import { createTestCore, rpc } from '../support/core'
import { startTransamPair } from '../support/transam'

describe('link suggestions on seeded HUVR and TransAM workspaces', () => {
  it('suggests every seeded pair and no unrelated pair', async () => {
    const huvr = await startHuvrSimulator({ seed: { assets: 600 } })
    const core = createTestCore()
    addHuvrConnection(core.db!, core.secrets, core.clock, {
      name: 'HUVR',
      baseUrl: huvr.baseUrl,
      clientId: huvr.credentials.client_id,
      clientSecret: huvr.credentials.client_secret,
    })
    const mirrorOf = huvrMirrorCandidates(huvr.state.tables.assets.all(), 25)
    const transam = await startTransamPair({ seed: { assets: 150, mirrorOf } }, core)
    try {
      await rpc(core).call('connections.signInTransam', {
        id: transam.connectionId,
        password: transam.sim.credentials.password,
      })
      const results = await core.sync.run({})
      expect(results.map((result) => result.ok)).toEqual([true, true])

      const seeded = transam.sim.state.mirrorPairs
        .map((pair) => `${pair.huvr.id}/${pair.transam.object_key}`)
        .sort()
      expect(seeded.length).toBe(25)
      const suggestions = await rpc(core).call('links.suggestions', { limit: 500 })
      if (!suggestions.ok) throw new Error(suggestions.error.message)
      const suggested = suggestions.value.map((s) => `${s.huvr.id}/${s.transam.key}`).sort()
      expect(suggested).toEqual(seeded)
      for (const suggestion of suggestions.value)
        expect(suggestion.reasons.length).toBeGreaterThan(0)
    } finally {
      await transam.stop()
      await huvr.stop()
      core.close()
    }
  })
})
