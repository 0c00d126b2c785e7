import { randomBytes } from 'node:crypto'
import { escapeXml, xmlElements } from '../../common/reply'
import { bytesReply, type Reply } from '../http/reply'

/** An S3 error document: `<Error><Code>…</Code><Message>…</Message>…<RequestId/><HostId/></Error>`. */
export function s3Error(
  status: number,
  code: string,
  message: string,
  details: Record<string, string> = {},
): Reply {
  const requestId = randomBytes(8).toString('hex').toUpperCase()
  const extra = xmlElements(details)
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${extra}` +
    `<RequestId>${requestId}</RequestId><HostId>${randomBytes(24).toString('base64')}</HostId></Error>`
  return bytesReply(status, Buffer.from(xml), 'application/xml', {
    'x-amz-request-id': requestId,
    server: 'AmazonS3',
  })
}
