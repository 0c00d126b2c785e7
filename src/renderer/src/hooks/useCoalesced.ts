import { useCallback, useEffect, useRef } from 'react'

/**
 * A function that runs `action` at most once per `delayMs`: at once for a call that comes after
 * a quiet spell (a single edit shows without waiting), and once more at the end of the spell for
 * the calls that came during it (so the last change is always read). A push that changes
 * hundreds of records then costs a reload every `delayMs`, not hundreds.
 */
export function useCoalesced(action: () => void, delayMs: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  /** Calls came while waiting out the spell: run once more at its end. */
  const calledMeanwhile = useRef(false)
  const latestAction = useRef(action)
  useEffect(() => {
    latestAction.current = action
  })
  useEffect(() => () => clearTimeout(timer.current), [])
  return useCallback(() => {
    if (timer.current !== undefined) {
      calledMeanwhile.current = true
      return
    }
    const waitOut = () => {
      timer.current = setTimeout(() => {
        if (!calledMeanwhile.current) {
          timer.current = undefined
          return
        }
        calledMeanwhile.current = false
        latestAction.current()
        waitOut()
      }, delayMs)
    }
    latestAction.current()
    waitOut()
  }, [delayMs])
}
