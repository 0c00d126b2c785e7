import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { inspectMedia } from '../../src/main/media/inspect-media'
import { photo } from '../support/fixtures'
import { tempDir } from '../support/temp'

/** A tiny grey picture of an image, to compare what two thumbnails show. */
async function fingerprint(image: Buffer): Promise<Buffer> {
  return sharp(image).resize(32, 32, { fit: 'fill' }).greyscale().raw().toBuffer()
}

function difference(a: Buffer, b: Buffer): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0))
  return sum / a.length / 255
}

async function thumbnailOf(path: string): Promise<Buffer> {
  const info = await inspectMedia(photo(path))
  if (!info.thumbnail) throw new Error(`${path}: ${info.placeholderReason}`)
  return info.thumbnail
}

describe('media inspection at import', () => {
  it.each([2, 3, 4, 5, 6, 7, 8])(
    'turns landscape orientation %i upright, like orientation 1',
    async (orientation) => {
      const upright = await fingerprint(await thumbnailOf('orientation/landscape_1.jpg'))
      const turned = await fingerprint(
        await thumbnailOf(`orientation/landscape_${orientation}.jpg`),
      )
      expect(difference(turned, upright)).toBeLessThan(0.06)
    },
  )

  it.each([6, 8])(
    'turns portrait orientation %i upright, like orientation 1',
    async (orientation) => {
      const upright = await fingerprint(await thumbnailOf('orientation/portrait_1.jpg'))
      const turned = await fingerprint(await thumbnailOf(`orientation/portrait_${orientation}.jpg`))
      expect(difference(turned, upright)).toBeLessThan(0.06)
    },
  )

  it('tells an unturned image from an upright one (the comparison can fail)', async () => {
    const upright = await fingerprint(await thumbnailOf('orientation/landscape_1.jpg'))
    const raw = await sharp(photo('orientation/landscape_3.jpg')).resize(320).jpeg().toBuffer()
    expect(difference(await fingerprint(raw), upright)).toBeGreaterThan(0.06)
  })

  it('learns the same from bytes already in memory as from the path', async () => {
    for (const name of ['gps/DSCN0010.jpg', 'orientation/portrait_6.jpg', 'corrupted.jpg']) {
      const fromPath = await inspectMedia(photo(name))
      const fromBytes = await inspectMedia(readFileSync(photo(name)))
      expect(fromBytes).toEqual(fromPath)
    }
  })

  it('reads capture time, GPS and camera from a real phone-camera photo', async () => {
    const info = await inspectMedia(photo('gps/DSCN0010.jpg'))
    expect(info).toMatchObject({
      mediaType: 'image/jpeg',
      capturedAt: '2008-10-22T16:28:39',
      camera: { make: 'NIKON', model: 'COOLPIX P6000' },
    })
    expect(info.gps?.latitude).toBeCloseTo(43.4674, 3)
    expect(info.gps?.longitude).toBeCloseTo(11.8851, 3)
    expect(info.thumbnail).not.toBeNull()
    const size = await sharp(info.thumbnail!).metadata()
    expect(Math.max(size.width ?? 0, size.height ?? 0)).toBe(320)
  })

  it('gives a damaged JPEG a placeholder and the reason, but keeps its metadata', async () => {
    const info = await inspectMedia(photo('corrupted.jpg'))
    expect(info.thumbnail).toBeNull()
    expect(info.placeholderReason).toMatch(/damaged or cannot be decoded.*uploads as it is/)
    expect(info.camera?.make).toMatch(/OLYMPUS/)
  })

  it('gives a HEIC photo a placeholder that says why, and still reads its GPS and time', async () => {
    const info = await inspectMedia(photo('heic/IMG_5195.HEIC'))
    expect(info.mediaType).toBe('image/heic')
    expect(info.thumbnail).toBeNull()
    expect(info.placeholderReason).toMatch(/HEIC/)
    expect(info.capturedAt).toBe('2021-04-11T15:47:53')
    expect(info.capturedAtOffset).toBe('-05:00')
    expect(info.gps?.altitude).toBeGreaterThan(200)
  })

  it('still makes a thumbnail when the EXIF block is invalid', async () => {
    const info = await inspectMedia(photo('invalid/image00971.jpg'))
    expect(info.thumbnail).not.toBeNull()
    expect(info.capturedAt).toBeNull()
  })

  it('knows a PDF by its bytes, whatever its name, and explains there is no preview', async () => {
    const file = join(tempDir(), 'report.jpg')
    writeFileSync(
      file,
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    )
    const info = await inspectMedia(file)
    expect(info.mediaType).toBe('application/pdf')
    expect(info.placeholderReason).toMatch(/No preview for PDF/)
  })
})
