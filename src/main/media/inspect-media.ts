import exifReader from 'exif-reader'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import sharp, { type Metadata } from 'sharp'

export interface GpsPosition {
  latitude: number
  longitude: number
  /** Metres above sea level (negative below), when the camera recorded it. */
  altitude: number | null
}

/** What import learns about a file: enough to prefill the upload and to show it offline. */
export interface MediaInfo {
  /** From the file's bytes, never its name. */
  mediaType: string
  width: number | null
  height: number | null
  /** The camera's local capture time, as written (`2008-10-22T16:29:49`), and its UTC offset if known. */
  capturedAt: string | null
  capturedAtOffset: string | null
  gps: GpsPosition | null
  camera: { make: string | null; model: string | null } | null
  /** EXIF orientation 1–8; the thumbnail is already turned upright. */
  orientation: number | null
  /** A small upright JPEG, or null with the reason a placeholder is shown instead. */
  thumbnail: Buffer | null
  placeholderReason: string | null
}

export interface InspectOptions {
  /** The longer side of the thumbnail, in pixels. */
  thumbnailSize?: number
}

/**
 * Reads a file's type, EXIF (capture time, GPS, camera, orientation) and makes an upright
 * thumbnail. A file that is not a decodable image (a damaged JPEG, HEIC where the bundled
 * decoder lacks HEVC, a video, a PDF) still gets an answer: no thumbnail, and why. `file` is a
 * path, or the content when it is already in memory (so it is not read again).
 */
export async function inspectMedia(
  file: string | Buffer,
  options: InspectOptions = {},
): Promise<MediaInfo> {
  const size = options.thumbnailSize ?? 320
  const detected =
    typeof file === 'string' ? await fileTypeFromFile(file) : await fileTypeFromBuffer(file)
  const mediaType = detected?.mime ?? 'application/octet-stream'
  const info: MediaInfo = {
    mediaType,
    width: null,
    height: null,
    capturedAt: null,
    capturedAtOffset: null,
    gps: null,
    camera: null,
    orientation: null,
    thumbnail: null,
    placeholderReason: null,
  }
  if (!mediaType.startsWith('image/')) {
    info.placeholderReason = `No preview for ${describeType(mediaType)} files; it uploads as it is.`
    return info
  }
  let metadata: Metadata
  try {
    metadata = await sharp(file).metadata()
  } catch (error) {
    info.placeholderReason = `This ${describeType(mediaType)} image cannot be read here (${reasonOf(error)}); it uploads as it is.`
    return info
  }
  info.width = metadata.width ?? null
  info.height = metadata.height ?? null
  info.orientation = metadata.orientation ?? null
  if (metadata.exif) Object.assign(info, readExif(metadata.exif))
  try {
    // failOn 'error': a JPEG sharp cannot decode cleanly gets the placeholder, not a grey smear.
    info.thumbnail = await sharp(file, { failOn: 'error' })
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer()
  } catch (error) {
    info.placeholderReason = isHeic(mediaType)
      ? 'HEIC photos cannot be previewed here (this build has no HEVC decoder); it uploads as it is.'
      : `This image is damaged or cannot be decoded (${reasonOf(error)}); it uploads as it is.`
  }
  return info
}

const isHeic = (mediaType: string) => mediaType === 'image/heic' || mediaType === 'image/heif'

type ExifFields = Pick<MediaInfo, 'capturedAt' | 'capturedAtOffset' | 'gps' | 'camera'>

/** EXIF as cameras write it; a broken EXIF block leaves these fields empty, nothing else. */
function readExif(block: Buffer): Partial<ExifFields> {
  let exif: ReturnType<typeof exifReader>
  try {
    exif = exifReader(block)
  } catch {
    return {}
  }
  const taken = exif.Photo?.DateTimeOriginal ?? exif.Image?.DateTime
  const make = exif.Image?.Make?.trim() || null
  const model = exif.Image?.Model?.trim() || null
  return {
    // exif-reader reads the camera's local wall-clock time as if it were UTC: print it back unchanged.
    capturedAt:
      taken instanceof Date && !Number.isNaN(taken.getTime())
        ? taken.toISOString().slice(0, 19)
        : null,
    capturedAtOffset: exif.Photo?.OffsetTimeOriginal ?? null,
    gps: readGps(exif.GPSInfo),
    camera: make || model ? { make, model } : null,
  }
}

function readGps(gps: Partial<exifReader.GPSInfoTags> | undefined): GpsPosition | null {
  if (!gps?.GPSLatitude || !gps.GPSLongitude) return null
  const degrees = ([d, m, s]: number[]) => (d ?? 0) + (m ?? 0) / 60 + (s ?? 0) / 3600
  const latitude = degrees(gps.GPSLatitude) * (gps.GPSLatitudeRef === 'S' ? -1 : 1)
  const longitude = degrees(gps.GPSLongitude) * (gps.GPSLongitudeRef === 'W' ? -1 : 1)
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null
  const altitude =
    typeof gps.GPSAltitude === 'number'
      ? gps.GPSAltitude * (gps.GPSAltitudeRef === 1 ? -1 : 1)
      : null
  return { latitude, longitude, altitude }
}

function describeType(mediaType: string): string {
  const [kind, subtype] = mediaType.split('/')
  if (mediaType === 'application/pdf') return 'PDF'
  if (kind === 'video') return 'video'
  if (isHeic(mediaType)) return 'HEIC'
  return subtype?.toUpperCase() ?? mediaType
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]?.replace(/^Input file /, '') ?? message
}
