/**
 * The names of every RPC method and push event. Kept apart from the zod contract so that the
 * sandboxed preload can check names without bundling the schemas.
 */
export const METHOD_NAMES = [
  'app.info',
  'app.status',
  'settings.get',
  'settings.update',
  'connections.sandboxPresets',
  'connections.testHuvr',
  'connections.addHuvr',
  'connections.remove',
  'connections.addTransam',
  'connections.signInTransam',
  'connections.signOutTransam',
  'sync.run',
  'sync.status',
  'assets.search',
  'assets.types',
  'assets.get',
  'projects.search',
  'projects.statuses',
  'projects.get',
  'projects.setAvailableOffline',
  'transam.assets.get',
  'transam.assets.setAvailableOffline',
  'documents.fetch',
  'links.suggestions',
  'links.decide',
  'uploads.list',
  'uploads.importPaths',
  'uploads.pause',
  'uploads.resume',
  'uploads.retry',
  'uploads.cancel',
  'records.get',
  'records.serverId',
  'records.listByProject',
  'records.linkedMedia',
  'records.update',
  'records.create',
  'records.delete',
  'outbox.list',
  'outbox.counts',
  'outbox.retry',
  'outbox.discard',
  'outbox.undoDiscard',
  'outbox.resolve',
  'huvr.lookups',
  'huvr.cmls',
  'sync.push',
  'connectivity.get',
] as const

export const EVENT_NAMES = [
  'settings.changed',
  'connections.changed',
  'connectivity',
  'sync.progress',
  'sync.finished',
  'upload.progress',
  'record.changed',
  'outbox.changed',
  'connectivity.changed',
] as const

export type MethodName = (typeof METHOD_NAMES)[number]
export type EventName = (typeof EVENT_NAMES)[number]

const methodNames: ReadonlySet<string> = new Set(METHOD_NAMES)
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES)

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && methodNames.has(name)
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && eventNames.has(name)
}
