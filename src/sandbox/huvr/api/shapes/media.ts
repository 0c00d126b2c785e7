import { downloadUrl, uploadTarget } from '../../media/urls'
import type { MediaRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { checklistInline } from './checklists'
import { mediaOverlays } from './overlays'
import { projectLite } from './projects'

/**
 * InspectionMedia (create, list, retrieve, PUT) and InspectionMediaUpdate (PATCH). URLs are signed
 * afresh on every read, so GETting a record again yields a new upload URL with a new expiry.
 */

export function mediaLinks(ctx: ApiContext, media: MediaRecord) {
  const uploaded = media.state !== 'CREATED' && media.state !== 'NOT_FOUND'
  // [U] `file` before the bytes arrive: we give null rather than a link to nothing.
  const file = uploaded ? downloadUrl(ctx.runtime, media.storage.object, ctx.origin) : null
  const thumbnail =
    media.storage.thumbnail === null
      ? null
      : downloadUrl(ctx.runtime, media.storage.thumbnail, ctx.origin)
  const preview =
    media.storage.preview === null
      ? null
      : downloadUrl(ctx.runtime, media.storage.preview, ctx.origin)
  return { file, thumbnail, preview, display_url: preview ?? file }
}

function mediaCommon(ctx: ApiContext, media: MediaRecord, withUpload: boolean) {
  return {
    id: media.id,
    name: media.name,
    state: media.state,
    size: media.size,
    media_type: media.media_type,
    document_category: media.document_category,
    file_meta: media.file_meta,
    description: media.description,
    captured_on: media.captured_on,
    geo_point: media.geo_point,
    heading: media.heading,
    pitch: media.pitch,
    local_coordinates: media.local_coordinates,
    local_id: media.local_id,
    client_id: media.client_id,
    ...locationFields(media),
    priority: media.priority,
    attached_to: media.attached_to,
    ...mediaLinks(ctx, media),
    // A live signed URL only while the bytes have not arrived.
    upload:
      withUpload && media.state === 'CREATED' ? uploadTarget(ctx.runtime, media, ctx.origin) : null,
    created_on: media.created_on,
    updated_on: media.updated_on,
  }
}

export function mediaDetail(ctx: ApiContext, media: MediaRecord, withUpload = true) {
  return {
    ...mediaCommon(ctx, media, withUpload),
    project: projectLite(ctx, media.project),
    checklist: checklistInline(ctx, media.checklist),
    layer: null,
    layer_id: media.layer,
    overlays: mediaOverlays(ctx, media.id),
    alternate_media: null,
    source_media: null,
  }
}

export function mediaListItem(ctx: ApiContext, media: MediaRecord) {
  return mediaDetail(ctx, media, ctx.settings.uploadOnListResults)
}

/** InspectionMediaUpdate: like the read shape but project, checklist and source as ids. */
export function mediaWrite(ctx: ApiContext, media: MediaRecord) {
  return {
    ...mediaCommon(ctx, media, true),
    filename: media.filename,
    project: media.project,
    checklist: media.checklist,
    layer: null,
    layer_id: media.layer,
    alternate_media: null,
    source_media: media.source_media,
    created_by: media.created_by,
  }
}

/** Where on the asset a photo was taken; HUVR repeats each value as its `*_display` [U]. */
export function locationFields(
  media: Pick<MediaRecord, 'location_code' | 'location_zone' | 'component' | 'access'>,
) {
  return {
    location_code: media.location_code,
    location_code_display: media.location_code,
    location_zone: media.location_zone,
    location_zone_display: media.location_zone,
    component: media.component,
    component_display: media.component,
    access: media.access,
    access_display: media.access,
  }
}
