import { crc32, deflateSync } from 'node:zlib'
import { onePagePdf } from '../../common/pdf'

/**
 * Small files that seeded media point at. They are built synchronously (PNG via zlib, a text PDF)
 * so the generator can record their real sizes; sharp turns them into thumbnails on first request.
 */
export interface SampleFile {
  key: string
  filenameExtension: string
  mediaType: string
  documentCategory: string
  bytes: Buffer
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const checksum = Buffer.alloc(4)
  checksum.writeUInt32BE(crc32(typeAndData) >>> 0)
  return Buffer.concat([length, typeAndData, checksum])
}

/** An RGB PNG: a diagonal gradient between two colours with a darker horizon band. */
function gradientPng(
  width: number,
  height: number,
  from: [number, number, number],
  to: [number, number, number],
): Buffer {
  const rowLength = width * 3 + 1
  const pixels = Buffer.alloc(rowLength * height)
  for (let y = 0; y < height; y += 1) {
    pixels[y * rowLength] = 0 // filter type: none
    const band = Math.abs(y - height * 0.6) < height * 0.04 ? 0.55 : 1
    for (let x = 0; x < width; x += 1) {
      const t = (x / width + y / height) / 2
      const offset = y * rowLength + 1 + x * 3
      for (let channel = 0; channel < 3; channel += 1) {
        const start = from[channel] as number
        const end = to[channel] as number
        pixels[offset + channel] = Math.round((start + (end - start) * t) * band)
      }
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // colour type: RGB
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/** A one-page PDF with a line of text. */
function reportPdf(title: string): Buffer {
  return onePagePdf(`BT /F1 18 Tf 72 720 Td (${title}) Tj ET`)
}

function photo(key: string, from: [number, number, number], to: [number, number, number]) {
  return {
    key,
    filenameExtension: 'png',
    mediaType: 'image/png',
    documentCategory: 'image',
    bytes: gradientPng(320, 240, from, to),
  }
}

let cached: readonly SampleFile[] | undefined

/** The seed files, built once per process. */
export function sampleFiles(): readonly SampleFile[] {
  cached ??= [
    photo('photo-sky', [90, 140, 210], [230, 230, 240]),
    photo('photo-rust', [120, 60, 30], [210, 140, 80]),
    photo('photo-steel', [70, 80, 90], [190, 200, 210]),
    photo('photo-field', [60, 110, 50], [200, 210, 120]),
    {
      key: 'report',
      filenameExtension: 'pdf',
      mediaType: 'application/pdf',
      documentCategory: 'document',
      bytes: reportPdf('Inspection report (sandbox)'),
    },
  ]
  return cached
}
