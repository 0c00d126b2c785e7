import { xmlElements } from '../../common/reply'
import { type Reply, bytesReply } from '../http/reply'

/** GCS answers its XML API with XML error documents, not JSON [I GCS]. */
export function gcsError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, string> = {},
): Reply {
  const elements = xmlElements({ Code: code, Message: message, ...extra }, { apostrophes: true })
  const xml = `<?xml version='1.0' encoding='UTF-8'?><Error>${elements}</Error>`
  return bytesReply(status, Buffer.from(xml, 'utf8'), 'application/xml; charset=UTF-8')
}

export function noSuchKey(): Reply {
  return gcsError(404, 'NoSuchKey', 'The specified key does not exist.')
}

export function accessDenied(details: string): Reply {
  return gcsError(403, 'AccessDenied', 'Access denied.', { Details: details })
}
