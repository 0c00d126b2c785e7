import { useEffect, useState } from 'react'

/**
 * useState that survives leaving the view and coming back (e.g. opening a record and pressing
 * Back), for the lifetime of the window. Values must be JSON.
 */
export function useSessionState<T>(storageKey: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const stored = sessionStorage.getItem(storageKey)
    if (stored === null) return initial
    try {
      return JSON.parse(stored) as T
    } catch {
      return initial
    }
  })
  useEffect(() => {
    sessionStorage.setItem(storageKey, JSON.stringify(value))
  }, [storageKey, value])
  return [value, setValue]
}
