import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { RpcResult } from '../../../shared/rpc/result'

export interface RowPage<Row> {
  total: number
  rows: Row[]
}

export type FetchPage<Row> = (offset: number, limit: number) => Promise<RpcResult<RowPage<Row>>>

export interface PagedRows<Row> {
  /** null until the first page of the first query has answered. */
  total: number | null
  /** undefined while the page holding `index` has not arrived (show a placeholder). */
  rowAt: (index: number) => Row | undefined
  /** Asks for every page overlapping [first, last]; pages already loaded or on their way are skipped. */
  loadRange: (first: number, last: number) => void
  /** Fetches again what is on screen, keeping the current rows until the new ones arrive. */
  refresh: () => void
  /** The rows shown still belong to the previous query; the new one has not answered yet. */
  stale: boolean
  error: string | null
}

/** What has been fetched for one query; a new query or a refresh starts a new generation. */
interface Generation {
  queryKey: string
  loaded: Set<number>
  pending: Set<number>
  lastRange: [number, number]
}

interface Shown<Row> {
  queryKey: string
  total: number | null
  pages: ReadonlyMap<number, readonly Row[]>
}

/**
 * Windowed access to a result set too large to fetch at once: pages of `pageSize` rows are
 * fetched on demand and kept. When `queryKey` changes, the previous rows stay on screen until the
 * new query's first page arrives, so typing in a search box does not make the list flicker.
 */
export function usePagedRows<Row>(
  queryKey: string,
  fetchPage: FetchPage<Row>,
  pageSize = 100,
): PagedRows<Row> {
  const [shown, setShown] = useState<Shown<Row>>(() => ({
    queryKey,
    total: null,
    pages: new Map(),
  }))
  const [error, setError] = useState<string | null>(null)

  const fetchRef = useRef(fetchPage)
  useLayoutEffect(() => {
    fetchRef.current = fetchPage
  })
  const generationRef = useRef<Generation | null>(null)

  const loadPage = useCallback(
    (generation: Generation, page: number) => {
      if (generation.loaded.has(page) || generation.pending.has(page)) return
      generation.pending.add(page)
      void fetchRef.current(page * pageSize, pageSize).then((result) => {
        generation.pending.delete(page)
        // Answers to an older query, or from before a refresh, would put back what was replaced.
        if (generationRef.current !== generation) return
        if (!result.ok) {
          setError(result.error.message)
          return
        }
        generation.loaded.add(page)
        setError(null)
        const { total, rows } = result.value
        setShown((previous) =>
          previous.queryKey === generation.queryKey
            ? { ...previous, total, pages: new Map(previous.pages).set(page, rows) }
            : { queryKey: generation.queryKey, total, pages: new Map([[page, rows]]) },
        )
      })
    },
    [pageSize],
  )

  const loadRange = useCallback(
    (first: number, last: number) => {
      const generation = generationRef.current
      if (!generation) return
      generation.lastRange = [first, last]
      const lastPage = Math.floor(Math.max(first, last) / pageSize)
      for (let page = Math.floor(first / pageSize); page <= lastPage; page += 1)
        loadPage(generation, page)
    },
    [pageSize, loadPage],
  )

  const refresh = useCallback(() => {
    const previous = generationRef.current
    if (!previous) return
    generationRef.current = {
      queryKey: previous.queryKey,
      loaded: new Set(),
      pending: new Set(),
      lastRange: previous.lastRange,
    }
    loadRange(...previous.lastRange)
  }, [loadRange])

  // A new query starts at the top; its first page also tells the total the list needs.
  useEffect(() => {
    generationRef.current = {
      queryKey,
      loaded: new Set(),
      pending: new Set(),
      lastRange: [0, pageSize - 1],
    }
    loadRange(0, pageSize - 1)
  }, [queryKey, pageSize, loadRange])

  const { pages } = shown
  const rowAt = useCallback(
    (index: number) => pages.get(Math.floor(index / pageSize))?.[index % pageSize],
    [pages, pageSize],
  )

  return {
    total: shown.total,
    rowAt,
    loadRange,
    refresh,
    stale: shown.queryKey !== queryKey,
    error,
  }
}
