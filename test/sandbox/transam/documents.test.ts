import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createManualClock,
  OBJECT_KEY_PATTERN,
  type RunningTransamSimulator,
} from '../../../src/sandbox/transam'
import { type ApiClient, assetWithDocuments, documentForm, read, startSignedIn } from './helpers'

const clock = createManualClock(Date.UTC(2025, 6, 1, 12, 0, 0))
let sim: RunningTransamSimulator
let api: ApiClient
let assetKey: string

beforeAll(async () => {
  ;({ sim, api } = await startSignedIn({ seed: { assets: 40 }, clock: clock.now }))
  assetKey = assetWithDocuments(sim)
})
afterAll(() => sim.stop())

const MB = 1024 * 1024
const pdf = (size = 2048) => {
  const bytes = randomBytes(size)
  bytes.write('%PDF-1.4\n', 0, 'latin1')
  return bytes
}

describe('documents index and show', () => {
  it('lists an asset’s documents newest first, without pagination', async () => {
    const answer = await api.get(`/api/v1/assets/${assetKey}/documents`)
    expect(answer.status).toBe(200)
    expect(Object.keys(answer.body)).toEqual(['status', 'data'])
    const documents = answer.body.data.documents
    const asset = sim.state.assetByKey(assetKey)!
    const expected = sim.state.documentsOf(asset.id)
    expect(documents.map((d: { object_key: string }) => d.object_key)).toEqual(
      expected.map((d) => d.object_key),
    )
    const times = expected.map((d) => d.created_at)
    expect(times).toEqual([...times].sort((a, b) => b - a))
    for (const document of documents) {
      expect(Object.keys(document).filter((key) => key !== 'description')).toEqual([
        'object_key',
        'url',
      ])
      expect(document.object_key).toMatch(OBJECT_KEY_PATTERN)
    }
  })

  it('downloads seeded PDFs through the signed URL', async () => {
    const answer = await api.get(`/api/v1/assets/${assetKey}/documents`)
    const url = new URL(answer.body.data.documents[0].url)
    expect(url.pathname).toMatch(
      /^\/s3\/transam-sandbox-uploads\/document_uploads\/[0-9A-N]{12}\/[0-9a-f-]{36}\.pdf$/,
    )
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900')
    const file = await fetch(url)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('application/pdf')
    expect((await file.text()).startsWith('%PDF-1.4')).toBe(true)
  })

  it('shows a document by its own key, whatever asset the URL names', async () => {
    const document = sim.state.documentsOf(sim.state.assetByKey(assetKey)!.id)[0]!
    const other = [...sim.state.assets.values()].find((asset) => asset.object_key !== assetKey)!
    for (const parent of [assetKey, other.object_key, 'NOSUCHASSET0']) {
      const shown = await api.get(`/api/v1/assets/${parent}/documents/${document.object_key}`)
      expect(shown.status).toBe(200)
      expect(shown.body.data.document.object_key).toBe(document.object_key)
    }
    const missing = await api.get(`/api/v1/assets/${assetKey}/documents/NOSUCHDOC000`)
    expect(missing.status).toBe(404)
    expect(missing.body).toEqual({
      data: { id: 'Document NOSUCHDOC000 not found.' },
      status: 'fail',
    })
  })

  it('answers 404 for a missing parent asset on index and create', async () => {
    const expected = { data: { id: 'Documentable object not found.' }, status: 'fail' }
    const index = await api.get('/api/v1/assets/NOSUCHASSET0/documents')
    expect(index.status).toBe(404)
    expect(index.body).toEqual(expected)
    const form = documentForm({ description: 'x' }, { name: 'a.pdf', bytes: pdf() })
    const create = await api.post('/api/v1/assets/NOSUCHASSET0/documents', form)
    expect(create.status).toBe(404)
    expect(create.body).toEqual(expected)
  })
})

describe('documents create, update, destroy', () => {
  it('uploads a multipart document (200, top-level fields) and serves the exact bytes', async () => {
    const bytes = pdf(50_000)
    const form = documentForm(
      { description: 'Brake inspection 2025-06' },
      { name: 'BUS-1001_Brake_Inspection.pdf', bytes },
    )
    const created = await api.post(`/api/v1/assets/${assetKey}/documents`, form)
    expect(created.status).toBe(200)
    expect(created.body.status).toBe('success')
    const document = created.body.data.document
    expect(Object.keys(document)).toEqual(['object_key', 'description', 'url'])
    expect(document.description).toBe('Brake inspection 2025-06')
    const stored = sim.state.documentByKey(document.object_key)!
    expect(stored.original_filename).toBe('BUS-1001_Brake_Inspection.pdf')
    expect(stored.storage_key).toMatch(
      new RegExp(`^document_uploads/${document.object_key}/[0-9a-f-]{36}\\.pdf$`),
    )
    const file = await fetch(document.url)
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true)
    const index = await api.get(`/api/v1/assets/${assetKey}/documents`)
    expect(index.body.data.documents[0].object_key).toBe(document.object_key)
    // Ranges, so downloads can resume.
    const part = await fetch(document.url, { headers: { range: 'bytes=100-199' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`)
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true)
  })

  it('takes original_filename from the field when given, and no description at all', async () => {
    const form = documentForm(
      { original_filename: 'Warranty.pdf' },
      { name: 'upload.bin', bytes: pdf(), type: 'application/octet-stream' },
    )
    const created = await api.post(`/api/v1/assets/${assetKey}/documents`, form)
    expect(created.status).toBe(200)
    expect(Object.keys(created.body.data.document)).toEqual(['object_key', 'url'])
    const stored = sim.state.documentByKey(created.body.data.document.object_key)!
    expect(stored.original_filename).toBe('Warranty.pdf')
    // The stored file keeps the uploaded part's name and type (CarrierWave's cache).
    expect(stored.storage_key.endsWith('.bin')).toBe(true)
    expect(stored.content_type).toBe('application/octet-stream')
  })

  it('accepts exactly 4 MB and refuses 4 MB + 1 byte with the Rails error hash', async () => {
    const exact = await api.post(
      `/api/v1/assets/${assetKey}/documents`,
      documentForm({ description: 'Exactly 4 MB' }, { name: 'manual.pdf', bytes: pdf(4 * MB) }),
    )
    expect(exact.status).toBe(200)
    const before = sim.state.documents.size
    const tooBig = await api.post(
      `/api/v1/assets/${assetKey}/documents`,
      documentForm({ description: 'Too big' }, { name: 'manual.pdf', bytes: pdf(4 * MB + 1) }),
    )
    expect(tooBig.status).toBe(400)
    expect(tooBig.body).toEqual({
      message:
        'Unable to upload document due the following error: {:document=>["is too big (should be at most 4 MB)"]}',
      status: 'fail',
    })
    expect(sim.state.documents.size).toBe(before)
  })

  it('refuses a create without a file (a string field is not a file)', async () => {
    const message =
      'Unable to upload document due the following error: {:original_filename=>["can\'t be blank"], :document=>["can\'t be blank"]}'
    const none = await api.post(
      `/api/v1/assets/${assetKey}/documents`,
      documentForm({ description: 'No file' }),
    )
    expect(none.status).toBe(400)
    expect(none.body).toEqual({ message, status: 'fail' })
    const json = await api.post(`/api/v1/assets/${assetKey}/documents`, {
      document: 'JVBERi0xLjQK',
      description: 'base64 is not a file',
    })
    expect(json.status).toBe(400)
    expect(json.body.message).toBe(message)
  })

  it('enforces the extension allow-list and a required description only when set', async () => {
    const exe = documentForm({ description: 'Tool' }, { name: 'tool.exe', bytes: pdf() })
    expect((await api.post(`/api/v1/assets/${assetKey}/documents`, exe)).status).toBe(200)
    sim.configure({
      settings: { enforceExtensionAllowlist: true, documentDescriptionRequired: true },
    })
    try {
      const refused = await api.post(
        `/api/v1/assets/${assetKey}/documents`,
        documentForm({ description: 'Tool' }, { name: 'tool.exe', bytes: pdf() }),
      )
      expect(refused.status).toBe(400)
      expect(refused.body.message).toBe(
        'Unable to upload document due the following error: {:document=>["You are not allowed to upload \\"exe\\" files, allowed types: pdf, doc, docx, xls, xlsx, ppt"]}',
      )
      const undescribed = await api.post(
        `/api/v1/assets/${assetKey}/documents`,
        documentForm({}, { name: 'a.pdf', bytes: pdf() }),
      )
      expect(undescribed.body.message).toBe(
        'Unable to upload document due the following error: {:description=>["can\'t be blank"]}',
      )
    } finally {
      sim.configure({
        settings: { enforceExtensionAllowlist: false, documentDescriptionRequired: false },
      })
    }
  })

  it('updates the description and replaces the file', async () => {
    const created = await api.post(
      `/api/v1/assets/${assetKey}/documents`,
      documentForm({ description: 'Draft' }, { name: 'draft.pdf', bytes: pdf() }),
    )
    const key = created.body.data.document.object_key
    const described = await api.patch(`/api/v1/assets/${assetKey}/documents/${key}`, {
      description: 'Final report',
    })
    expect(described.status).toBe(200)
    expect(described.body.data.document).toMatchObject({
      object_key: key,
      description: 'Final report',
    })
    const replacement = pdf(3000)
    const replaced = await api.call(
      'PUT',
      `/api/v1/assets/${assetKey}/documents/${key}`,
      documentForm({}, { name: 'final.pdf', bytes: replacement }),
    )
    expect(replaced.status).toBe(200)
    expect(replaced.body.data.document.description).toBe('Final report')
    const file = await fetch(replaced.body.data.document.url)
    expect(Buffer.from(await file.arrayBuffer()).equals(replacement)).toBe(true)
    expect(sim.state.documentByKey(key)!.original_filename).toBe('final.pdf')
    const tooBig = await api.call(
      'PATCH',
      `/api/v1/assets/${assetKey}/documents/${key}`,
      documentForm({}, { name: 'huge.pdf', bytes: pdf(4 * MB + 1) }),
    )
    expect(tooBig.status).toBe(400)
    expect(tooBig.body.message).toMatch(
      /^Unable to update document due the following error: \{:document=>/,
    )
  })

  it('deletes a document: empty data, then 404, and its file is gone', async () => {
    const created = await api.post(
      `/api/v1/assets/${assetKey}/documents`,
      documentForm({ description: 'Obsolete' }, { name: 'old.pdf', bytes: pdf() }),
    )
    const { object_key: key, url } = created.body.data.document
    const deleted = await api.delete(`/api/v1/assets/${assetKey}/documents/${key}`)
    expect(deleted.status).toBe(200)
    expect(deleted.body).toEqual({ status: 'success', data: {} })
    expect((await api.get(`/api/v1/assets/${assetKey}/documents/${key}`)).status).toBe(404)
    expect((await api.delete(`/api/v1/assets/${assetKey}/documents/${key}`)).status).toBe(404)
    const file = await fetch(url).then(read)
    expect(file.status).toBe(404)
    expect(file.text).toContain('<Code>NoSuchKey</Code>')
  })
})

describe('signed download URLs', () => {
  it('expire after the lifetime setting and refuse tampering', async () => {
    sim.configure({ settings: { documentUrlLifetimeSeconds: 60 } })
    try {
      const answer = await api.get(`/api/v1/assets/${assetKey}/documents`)
      const url = answer.body.data.documents[0].url as string
      expect((await fetch(url)).status).toBe(200)
      const tampered = url.replace(/X-Amz-Expires=60/, 'X-Amz-Expires=6000')
      const refused = await fetch(tampered).then(read)
      expect(refused.status).toBe(403)
      expect(refused.text).toContain('<Code>SignatureDoesNotMatch</Code>')
      const unsigned = await fetch(url.slice(0, url.indexOf('?'))).then(read)
      expect(unsigned.status).toBe(403)
      expect(unsigned.text).toContain('<Code>AccessDenied</Code>')
      clock.advance(61_000)
      const expired = await fetch(url).then(read)
      expect(expired.status).toBe(403)
      expect(expired.text).toContain('<Message>Request has expired</Message>')
      const fresh = await api.get(`/api/v1/assets/${assetKey}/documents`)
      expect((await fetch(fresh.body.data.documents[0].url)).status).toBe(200)
    } finally {
      sim.configure({ settings: { documentUrlLifetimeSeconds: 900 } })
    }
  })
})
