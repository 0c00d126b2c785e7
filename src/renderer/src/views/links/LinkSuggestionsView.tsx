import { useState } from 'react'
import { Link } from 'wouter'
import type { ConnectionSummary } from '../../../../shared/rpc/contract'
import type { LinkRef, LinkSuggestion } from '../../../../shared/rpc/transam-contract'
import { ErrorNotice, Loading } from '../../components/Notice'
import { plural } from '../../format'
import { useConnections } from '../../hooks/useConnections'
import { useQuery } from '../../rpc/hooks'
import { SuggestionList, transamTitle } from './SuggestionList'
import { linkKeyOf, useDecideLink, type Decision } from './useDecideLink'

/** Suggestions fetched at once; deciding some brings the next ones in. */
const SUGGESTIONS_SHOWN = 100

interface Decided {
  ref: LinkRef
  decision: Decision
  suggestion: LinkSuggestion
}

/**
 * Pairs of HUVR and TransAM assets that look like the same equipment, with the reasons, to
 * confirm or reject one by one. A decided pair leaves the list; the last decision can be undone.
 */
export function LinkSuggestionsView() {
  const suggestions = useQuery('links.suggestions', { limit: SUGGESTIONS_SHOWN }, ['sync.finished'])
  const connections = useConnections()
  const [lastDecided, setLastDecided] = useState<Decided | null>(null)
  const reload = suggestions.reload

  return (
    <section className="links-view">
      <h1>Links</h1>
      <p className="muted view-intro">
        Assets in HUVR and TransAM that look like the same equipment. Confirm a pair to see its
        TransAM documents on the HUVR asset, and its HUVR projects and media on the TransAM asset.
      </p>
      {lastDecided && (
        <DecisionNotice
          key={linkKeyOf(lastDecided.ref)}
          decided={lastDecided}
          onUndone={() => {
            setLastDecided(null)
            reload()
          }}
        />
      )}
      {suggestions.state === 'loading' && <Loading what="suggestions" />}
      {suggestions.state === 'error' && (
        <ErrorNotice
          title="The suggestions could not be read."
          message={suggestions.error.message}
          action={
            <button type="button" className="button-secondary" onClick={reload}>
              Try again
            </button>
          }
        />
      )}
      {suggestions.state === 'ready' &&
        (suggestions.value.length === 0 ? (
          <NoSuggestions connections={connections} decidedHere={lastDecided !== null} />
        ) : (
          <>
            <p className="result-count" role="status" data-testid="suggestion-count">
              {suggestions.value.length === SUGGESTIONS_SHOWN
                ? `The first ${SUGGESTIONS_SHOWN} suggestions: decide these to see more.`
                : `${plural(suggestions.value.length, 'suggestion')} to decide.`}
            </p>
            <SuggestionList
              label="Suggested links"
              suggestions={suggestions.value}
              onDecided={(ref, decision, suggestion) => {
                setLastDecided({ ref, decision, suggestion })
                reload()
              }}
            />
          </>
        ))}
    </section>
  )
}

/** What was just decided, with a way back: a mis-click should not need a trip to both assets. */
function DecisionNotice(props: { decided: Decided; onUndone: () => void }) {
  const { ref, decision, suggestion } = props.decided
  const { decide, saving, error } = useDecideLink(props.onUndone)
  const pair = `“${suggestion.huvr.name}” and “${transamTitle(suggestion.transam)}”`
  return (
    <>
      <p className="notice notice-success" role="status" data-testid="decision-notice">
        <span>
          {decision === 'confirmed' ? `Linked ${pair}.` : `Rejected ${pair}: not suggested again.`}
        </span>
        <button
          type="button"
          className="button-secondary"
          disabled={saving !== null}
          onClick={() => void decide(ref, 'undecided')}
        >
          {saving ? 'Undoing…' : 'Undo'}
        </button>
      </p>
      {error && <ErrorNotice title="The decision was not undone." message={error} />}
    </>
  )
}

/** Why the list is empty: nothing to compare yet, or everything already decided. */
function NoSuggestions(props: {
  connections: readonly ConnectionSummary[] | null
  decidedHere: boolean
}) {
  const synced = (system: ConnectionSummary['system']) =>
    props.connections?.some(
      (connection) => connection.system === system && connection.lastSyncAt !== null,
    ) ?? false
  if (props.connections !== null && (!synced('huvr') || !synced('transam'))) {
    const hasBoth =
      props.connections.some((connection) => connection.system === 'huvr') &&
      props.connections.some((connection) => connection.system === 'transam')
    return (
      <div className="empty-state" data-testid="no-suggestions">
        <p>
          No suggestions: sync HUVR and TransAM accounts first. Fieldstation compares the assets of
          both once each has been synced to this computer.
        </p>
        {hasBoth ? (
          <Link href="/sync" className="button">
            Go to Sync
          </Link>
        ) : (
          <Link href="/settings" className="button">
            Add accounts
          </Link>
        )}
      </div>
    )
  }
  return (
    <div className="empty-state" data-testid="no-suggestions">
      <p>
        {props.decidedHere
          ? 'All suggestions decided.'
          : 'All suggestions decided: no undecided pairs between your HUVR and TransAM assets.'}{' '}
        New ones appear here after a sync brings new or changed assets.
      </p>
    </div>
  )
}
