/**
 * A failure that stops the app from starting, with what went wrong and what to do about it.
 * The hosts show it (a startup error screen, a CLI message) instead of crashing.
 */
export class StartupError extends Error {
  constructor(
    readonly code: 'db-corrupt' | 'db-from-future' | 'db-unreadable' | 'db-migration-failed',
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'StartupError'
  }
}
