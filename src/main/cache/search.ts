/**
 * Turns what an inspector types into an FTS5 trigram query. Every word of three characters or
 * more must appear somewhere (any part of a word matches); shorter words are returned apart so
 * the caller can match them with LIKE, since trigrams cannot.
 */
export function buildSearch(query: string): { match: string | null; shortTerms: string[] } {
  const terms = query.trim().split(/\s+/).filter(Boolean)
  const long = terms.filter((term) => [...term].length >= 3)
  const shortTerms = terms.filter((term) => [...term].length < 3)
  const match =
    long.length === 0 ? null : long.map((term) => `"${term.replaceAll('"', '""')}"`).join(' AND ')
  return { match, shortTerms }
}

/** A LIKE pattern that matches `term` literally anywhere. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
