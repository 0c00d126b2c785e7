import { useDebouncedValue } from './useDebouncedValue'
import { useSessionState } from './useSessionState'

/** Long enough that typing a word runs one search, short enough that results feel immediate. */
const SEARCH_DEBOUNCE_MS = 150

/**
 * A browser view's search text, remembered for the session under `sessionKey`. `settled` is the
 * trimmed text once typing has paused (what to search for); `pending` says the user is still
 * typing, so the results on screen are about to be replaced.
 */
export function useSearchQuery(sessionKey: string) {
  const [query, setQuery] = useSessionState(sessionKey, '')
  const settled = useDebouncedValue(query.trim(), SEARCH_DEBOUNCE_MS)
  return { query, setQuery, settled, pending: query.trim() !== settled }
}
