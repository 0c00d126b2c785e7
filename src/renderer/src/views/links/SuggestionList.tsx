import { Link } from 'wouter'
import type { LinkRef, LinkSuggestion } from '../../../../shared/rpc/transam-contract'
import { DetailSection } from '../../components/DetailSection'
import { ErrorNotice } from '../../components/Notice'
import { SystemBadge } from '../../components/SystemBadge'
import { assetHref, transamAssetHref } from '../../routes'
import { linkKeyOf, linkRefOf, useDecideLink, type Decision } from './useDecideLink'

/** How a TransAM asset is named where only its reference is at hand. */
export function transamTitle(asset: {
  description: string | null
  assetTag: string | null
  key: string
}) {
  return asset.description ?? asset.assetTag ?? asset.key
}

/** Pairs that may be the same asset in HUVR and TransAM, each with why and a way to decide. */
export function SuggestionList(props: {
  suggestions: readonly LinkSuggestion[]
  label: string
  onDecided: (ref: LinkRef, decision: Decision, suggestion: LinkSuggestion) => void
}) {
  return (
    <ul className="suggestion-list" aria-label={props.label}>
      {props.suggestions.map((suggestion) => (
        <SuggestionCard
          key={linkKeyOf(linkRefOf(suggestion))}
          suggestion={suggestion}
          onDecided={(ref, decision) => props.onDecided(ref, decision, suggestion)}
        />
      ))}
    </ul>
  )
}

/**
 * A record page's suggested links. Left out while there are none: unlike linked assets,
 * an empty list of suggestions says nothing worth a section.
 */
export function SuggestionsSection(props: {
  id: string
  title: string
  /** The record's name, for the list's accessible label. */
  subject: string
  suggestions: readonly LinkSuggestion[]
  onDecided: () => void
}) {
  if (props.suggestions.length === 0) return null
  return (
    <DetailSection id={props.id} title={props.title} count={props.suggestions.length}>
      <SuggestionList
        label={`Suggested links for ${props.subject}`}
        suggestions={props.suggestions}
        onDecided={props.onDecided}
      />
    </DetailSection>
  )
}

function SuggestionCard(props: {
  suggestion: LinkSuggestion
  onDecided: (ref: LinkRef, decision: Decision) => void
}) {
  const { huvr, transam, reasons } = props.suggestion
  const { decide, saving, error } = useDecideLink(props.onDecided)
  const ref = linkRefOf(props.suggestion)
  const transamName = transamTitle(transam)

  return (
    <li className="suggestion" aria-label={`${huvr.name} and ${transamName}`}>
      <div className="suggestion-pair">
        <AssetSide
          system="huvr"
          href={assetHref(huvr.connectionId, huvr.id)}
          name={huvr.name}
          detail={huvr.assetPath}
        />
        <span className="suggestion-between" aria-hidden="true">
          ⇄
        </span>
        <AssetSide
          system="transam"
          href={transamAssetHref(transam.connectionId, transam.key)}
          name={transamName}
          detail={transam.assetTag ? `Asset tag ${transam.assetTag}` : null}
        />
      </div>
      <div className="suggestion-footer">
        <ul className="reason-chips" aria-label="Why this pair is suggested">
          {reasons.map((reason) => (
            <li key={reason} className="chip">
              {reason}
            </li>
          ))}
        </ul>
        <div className="suggestion-actions">
          <button
            type="button"
            disabled={saving !== null}
            onClick={() => void decide(ref, 'confirmed')}
          >
            {saving === 'confirmed' ? 'Confirming…' : 'Confirm'}
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={saving !== null}
            onClick={() => void decide(ref, 'rejected')}
          >
            {saving === 'rejected' ? 'Rejecting…' : 'Reject'}
          </button>
        </div>
      </div>
      {error && <ErrorNotice title="The decision was not saved." message={error} />}
    </li>
  )
}

function AssetSide(props: {
  system: 'huvr' | 'transam'
  href: string
  name: string
  detail: string | null
}) {
  return (
    <div className="suggestion-side">
      <SystemBadge system={props.system} />
      <div>
        <Link href={props.href} className="suggestion-name">
          {props.name}
        </Link>
        {props.detail && (
          <div className="muted suggestion-detail" title={props.detail}>
            {props.detail}
          </div>
        )}
      </div>
    </div>
  )
}
