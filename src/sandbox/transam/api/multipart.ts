import busboy from 'busboy'
import type { IncomingHttpHeaders } from 'node:http'
import { RailsException } from './errors'
import { normalizeParam, type ParamHash } from './params'

/**
 * A multipart/form-data body as Rack parses it: text parts and file parts nested by name
 * (`document`, `asset[description]`); a file part with an empty filename is dropped (no file was
 * chosen), and a part without a filename is a plain string.
 */
export async function parseMultipart(
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<ParamHash> {
  const params: ParamHash = {}
  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers,
        defParamCharset: 'utf8',
        limits: { fieldSize: 64 * 1024 * 1024 },
      })
    } catch (error) {
      reject(badRequest(error))
      return
    }
    const pending: Promise<void>[] = []
    parser.on('field', (name, value) => normalizeParam(params, name, value))
    parser.on('file', (name, stream, info) => {
      pending.push(
        new Promise<void>((done, fail) => {
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('error', fail)
          stream.on('end', () => {
            const bytes = Buffer.concat(chunks)
            if (info.filename === undefined) {
              normalizeParam(params, name, bytes.toString('utf8'))
            } else if (info.filename !== '') {
              normalizeParam(params, name, {
                kind: 'uploaded-file',
                filename: info.filename,
                contentType: info.mimeType,
                bytes,
              })
            }
            done()
          })
        }),
      )
    })
    parser.on('error', (error) => reject(badRequest(error)))
    parser.on('close', () => {
      Promise.all(pending).then(() => resolve(), reject)
    })
    parser.end(body)
  })
  return params
}

function badRequest(error: unknown): RailsException {
  if (error instanceof RailsException) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new RailsException('ActionController::BadRequest', `Invalid request parameters: ${reason}`)
}
