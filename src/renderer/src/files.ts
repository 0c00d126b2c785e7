import { ELECTRON_FILE_SCHEME } from '../../shared/files'

/**
 * The image URL of a file in the app's own content-addressed store. Only a sha256 can be
 * named, so the renderer can never point at anything else on disk.
 */
export function fileUrl(sha256: string): string {
  return window.fieldstation ? `${ELECTRON_FILE_SCHEME}://files/${sha256}` : `/files/${sha256}`
}
