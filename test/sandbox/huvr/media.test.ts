import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManualClock, type RunningHuvrSimulator } from '../../../src/sandbox/huvr'
import { type ApiClient, read, startSignedIn } from './helpers'

const PHOTOS = '/work/shared/fixtures/photos'
const photo = readFileSync(`${PHOTOS}/gps/DSCN0010.jpg`)
const corrupted = readFileSync(`${PHOTOS}/corrupted.jpg`)

const clock = createManualClock(Date.UTC(2026, 4, 2, 7, 30, 0))
let sim: RunningHuvrSimulator
let api: ApiClient

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({
    seed: { assets: 40 },
    clock: clock.now,
    settings: { processingDelayMs: 20 },
  }))
})
afterAll(() => sim.stop())

let counter = 0
async function createMedia(fields: Record<string, unknown> = {}) {
  counter += 1
  const answer = await api.post('/api/inspection-media/', {
    filename: `photo-${counter}.jpg`,
    project: 1,
    ...fields,
  })
  expect(answer.status).toBe(201)
  return answer.body
}

function put(url: string, headers: Record<string, string>, body: Buffer) {
  return fetch(url, { method: 'PUT', headers, body }).then(read)
}

describe('part one: the media record', () => {
  it('needs only a filename and answers 201 with upload {url, headers}', async () => {
    const missing = await api.post('/api/inspection-media/', {})
    expect(missing.status).toBe(400)
    expect(missing.body).toEqual({ filename: ['This field is required.'] })

    const answer = await api.post('/api/inspection-media/', { filename: 'IMG_0001.JPG' })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({
      name: 'IMG_0001.JPG',
      state: 'CREATED',
      media_type: 'image/jpeg',
      document_category: 'image',
      file: null,
      thumbnail: null,
      preview: null,
      project: null,
    })
    const { url, headers } = answer.body.upload
    expect(url.startsWith(`${sim.baseUrl}/storage/`)).toBe(true)
    expect(url).toContain('X-Goog-Signature=')
    expect(headers).toEqual({
      'Content-Type': 'image/jpeg',
      'x-goog-meta-media-id': String(answer.body.id),
    })
  })

  it('keeps client_id unique per workspace: a duplicate is a 400', async () => {
    await createMedia({ client_id: 'device-7:capture-1', local_id: 'L1' })
    const twin = await api.post('/api/inspection-media/', {
      filename: 'again.jpg',
      client_id: 'device-7:capture-1',
    })
    expect(twin.status).toBe(400)
    expect(twin.body).toEqual({
      client_id: ['Inspection media with this client id already exists.'],
    })
    const found = await api.get('/api/inspection-media/?client_id=device-7%3Acapture-1')
    expect(found.body.count).toBe(1)
    expect(found.body.results[0].local_id).toBe('L1')
  })

  it('numbers clashing names within a project', async () => {
    const first = await createMedia({ filename: 'same.jpg', project: 2 })
    const second = await createMedia({ filename: 'same.jpg', project: 2 })
    expect(first.name).toBe('same.jpg')
    expect(second.name).toBe('same-1.jpg')
  })

  it('answers PATCH with ids for project and checklist', async () => {
    const media = await createMedia()
    const patched = await api.patch(`/api/inspection-media/${media.id}/`, {
      description: 'North wall',
    })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({
      project: 1,
      description: 'North wall',
      filename: media.name,
    })
    const detail = await api.get(`/api/inspection-media/${media.id}/`)
    expect(detail.body.project).toMatchObject({ id: 1, name: expect.any(String) })
  })
})

describe('part two: the storage PUT', () => {
  it('refuses a PUT whose headers differ from the signed ones (403 XML)', async () => {
    const { upload } = await createMedia()
    const wrongType = await put(
      upload.url,
      { ...upload.headers, 'Content-Type': 'image/png' },
      photo,
    )
    expect(wrongType.status).toBe(403)
    expect(wrongType.headers.get('content-type')).toContain('application/xml')
    expect(wrongType.body).toContain('<Code>SignatureDoesNotMatch</Code>')
    const missingMeta = await put(upload.url, { 'Content-Type': 'image/jpeg' }, photo)
    expect(missingMeta.status).toBe(403)
    expect(missingMeta.body).toContain('SignatureDoesNotMatch')
  })

  it('refuses an expired URL (400 XML ExpiredToken); GET on the record gives a fresh one', async () => {
    const media = await createMedia()
    clock.advance(15 * 60_000 + 1_000)
    const late = await put(media.upload.url, media.upload.headers, photo)
    expect(late.status).toBe(400)
    expect(late.body).toContain('<Code>ExpiredToken</Code>')

    const again = await api.get(`/api/inspection-media/${media.id}/`)
    expect(again.body.upload.url).not.toBe(media.upload.url)
    const fresh = await put(again.body.upload.url, again.body.upload.headers, photo)
    expect(fresh.status).toBe(200)
    expect(fresh.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
  })

  it('turns UPLOADED a moment later, with a sharp-made thumbnail and preview', async () => {
    sim.configure({ settings: { processingDelayMs: 1_000 } })
    const media = await createMedia({ filename: 'DSCN0010.jpg' })
    const stored = await put(media.upload.url, media.upload.headers, photo)
    expect(stored.status).toBe(200)
    sim.configure({ settings: { processingDelayMs: 20 } })

    // Processing is asynchronous: right after the PUT the record has not changed yet.
    const early = await api.get(`/api/inspection-media/${media.id}/`)
    expect(early.body.state).toBe('CREATED')
    expect(early.body.thumbnail).toBeNull()

    await sim.settled()
    const done = await api.get(`/api/inspection-media/${media.id}/`)
    expect(done.body).toMatchObject({ state: 'UPLOADED', size: photo.length, upload: null })

    const file = Buffer.from(await (await fetch(done.body.file)).arrayBuffer())
    expect(file.equals(photo)).toBe(true)

    const thumbnail = await fetch(done.body.thumbnail)
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg')
    const thumbnailInfo = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()
    expect(thumbnailInfo.format).toBe('jpeg')
    expect(Math.max(thumbnailInfo.width, thumbnailInfo.height)).toBe(320)

    const preview = await fetch(done.body.preview)
    const previewInfo = await sharp(Buffer.from(await preview.arrayBuffer())).metadata()
    expect(previewInfo.width).toBe(640) // never enlarged past the original

    // work_done_on follows the upload.
    const project = await api.get('/api/projects/1/')
    expect(project.body.work_done_on).not.toBeNull()
  })

  it('still reaches UPLOADED when the file cannot be decoded, with null thumbnail', async () => {
    const media = await createMedia({ filename: 'corrupted.jpg' })
    expect((await put(media.upload.url, media.upload.headers, corrupted)).status).toBe(200)
    await sim.settled()
    const done = await api.get(`/api/inspection-media/${media.id}/`)
    expect(done.body).toMatchObject({ state: 'UPLOADED', thumbnail: null, preview: null })
    const file = Buffer.from(await (await fetch(done.body.file)).arrayBuffer())
    expect(file.length).toBe(corrupted.length)
  })

  it('with server work deferred, answers the PUT without an ETag and makes renditions when first read', async () => {
    sim.configure({ settings: { serverWork: 'deferred' } })
    try {
      const media = await createMedia({ filename: 'DSCN0010.jpg' })
      const stored = await put(media.upload.url, media.upload.headers, photo)
      expect(stored.status).toBe(200)
      expect(stored.headers.get('etag')).toBeNull()
      await sim.settled()
      const done = await api.get(`/api/inspection-media/${media.id}/`)
      expect(done.body.state).toBe('UPLOADED')
      expect(sim.state.blobs.peek(`media/${media.id}/thumbnail.jpg`)).toBeUndefined()
      const thumbnail = await fetch(done.body.thumbnail)
      expect(thumbnail.status).toBe(200)
      const info = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()
      expect(Math.max(info.width, info.height)).toBe(320)
      // The download carries the ETag all the same.
      const file = await fetch(done.body.file)
      expect(file.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)

      // A file that cannot be decoded has no rendition to make.
      const broken = await createMedia({ filename: 'corrupted.jpg' })
      await put(broken.upload.url, broken.upload.headers, corrupted)
      await sim.settled()
      const brokenDone = await api.get(`/api/inspection-media/${broken.id}/`)
      expect(brokenDone.body.state).toBe('UPLOADED')
      expect((await fetch(brokenDone.body.thumbnail)).status).toBe(404)
    } finally {
      sim.configure({ settings: { serverWork: 'on-upload' } })
    }
  })

  it('takes the PUT without an Authorization header, as GCS does', async () => {
    const media = await createMedia()
    sim.clearRequestLog()
    await put(media.upload.url, media.upload.headers, photo)
    const [entry] = sim.requestLog
    expect(entry).toMatchObject({ method: 'PUT', status: 200, authorized: false })
    expect(entry?.path.startsWith('/storage/')).toBe(true)
    expect(entry?.body).toEqual({ bytes: photo.length, contentType: 'image/jpeg' })
  })

  it('refuses tampered download links', async () => {
    const seeded = await api.get('/api/inspection-media/1/')
    expect(seeded.body.state).toBe('UPLOADED')
    const good = await fetch(seeded.body.thumbnail)
    expect(good.status).toBe(200)
    const tampered = await fetch(
      seeded.body.thumbnail.replace(/.$/, (c: string) => (c === '0' ? '1' : '0')),
    )
    expect(tampered.status).toBe(403)
  })
})
