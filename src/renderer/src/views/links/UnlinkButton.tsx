import type { LinkRef } from '../../../../shared/rpc/transam-contract'
import { ErrorNotice } from '../../components/Notice'
import { useDecideLink } from './useDecideLink'

/**
 * Takes back a confirmed link. The pair becomes undecided rather than rejected, so it returns to
 * the suggestions, where it can be rejected for good or confirmed again.
 */
export function UnlinkButton(props: { linkRef: LinkRef; onUnlinked: () => void }) {
  const { decide, saving, error } = useDecideLink(props.onUnlinked)
  return (
    <div className="unlink">
      <button
        type="button"
        className="button-secondary"
        disabled={saving !== null}
        title="Remove this link; the pair goes back to the suggestions"
        onClick={() => void decide(props.linkRef, 'undecided')}
      >
        {saving ? 'Unlinking…' : 'Unlink'}
      </button>
      {error && <ErrorNotice title="The link was not removed." message={error} />}
    </div>
  )
}
