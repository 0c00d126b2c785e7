/**
 * The MIME type the server assumes from a filename when the client sends none [I: the official
 * client never sends media_type, yet the upload must carry a Content-Type the URL was signed for].
 */
const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  heif: 'image/heif',
  dng: 'image/x-adobe-dng',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  pdf: 'application/pdf',
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  zip: 'application/zip',
}

export function mediaTypeFor(filename: string): string {
  const extension = filename.toLowerCase().split('.').at(-1) ?? ''
  return BY_EXTENSION[extension] ?? 'application/octet-stream'
}

/** image / video / audio from the MIME type, else document [I]. */
export function documentCategoryFor(mediaType: string): string {
  const family = mediaType.split('/')[0] ?? ''
  return family === 'image' || family === 'video' || family === 'audio' ? family : 'document'
}
