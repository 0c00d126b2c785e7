import { useState } from 'react'
import type { LinkRef, LinkSuggestion } from '../../../../shared/rpc/transam-contract'
import { useRpc } from '../../rpc/hooks'

export type Decision = 'confirmed' | 'rejected' | 'undecided'

/** The pair a suggestion (or a confirmed link) is about, as `links.decide` names it. */
export function linkRefOf(suggestion: Pick<LinkSuggestion, 'huvr' | 'transam'>): LinkRef {
  return {
    huvrConnectionId: suggestion.huvr.connectionId,
    huvrId: suggestion.huvr.id,
    transamConnectionId: suggestion.transam.connectionId,
    transamKey: suggestion.transam.key,
  }
}

/** A stable key for a pair, for React lists. */
export function linkKeyOf(ref: LinkRef): string {
  return [ref.huvrConnectionId, ref.huvrId, ref.transamConnectionId, ref.transamKey].join('|')
}

/**
 * Records one decision about a pair and then calls `onDecided` (which reloads the list, so a
 * decided suggestion leaves it). One decision at a time: the buttons disable while it saves.
 */
export function useDecideLink(onDecided: (ref: LinkRef, decision: Decision) => void) {
  const rpc = useRpc()
  const [saving, setSaving] = useState<Decision | null>(null)
  const [error, setError] = useState<string | null>(null)

  const decide = async (ref: LinkRef, decision: Decision) => {
    setSaving(decision)
    setError(null)
    const result = await rpc.call('links.decide', { ...ref, decision })
    setSaving(null)
    if (!result.ok) {
      setError(result.error.message)
      return
    }
    onDecided(ref, decision)
  }

  return { decide, saving, error }
}
