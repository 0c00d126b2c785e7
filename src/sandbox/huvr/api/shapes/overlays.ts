import type { MediaRecord, OverlayRecord } from '../../state/records'
import type { ApiContext } from '../context'
import { defectDetail } from './defects'
import { locationFields, mediaLinks } from './media'
import { userLite } from './people'

/**
 * The two sides of an overlay [C H-spec]: on a media record each overlay carries the full Defect
 * (InspectionMediaOverlayInline); on a defect each carries a slim media record
 * (DefectOverlayInline), which is where the nesting stops.
 */

/** InspectionMediaOverlayInline: `media` and `created_by` as ids, `defect` the full Defect. */
export function overlayInline(ctx: ApiContext, overlay: OverlayRecord) {
  const defect = ctx.state.tables.defects.get(overlay.defect)
  return {
    id: overlay.id,
    media: overlay.media,
    defect: defect === undefined ? null : defectDetail(ctx, defect),
    geometry: overlay.geometry,
    geometry_extra: overlay.geometry_extra,
    note: overlay.note,
    created_by: overlay.created_by,
    created_on: overlay.created_on,
    updated_on: overlay.updated_on,
  }
}

/** `overlays` of a media record, in id order. */
export function mediaOverlays(ctx: ApiContext, mediaId: number) {
  const overlays = ctx.runtime.indexes.overlaysByMedia().get(mediaId) ?? []
  return overlays
    .filter((overlay) => ctx.state.tables.defects.has(overlay.defect))
    .map((overlay) => overlayInline(ctx, overlay))
}

/** InspectionMediaDefectInline: the media record without its nested parts or upload link. */
function mediaDefectInline(ctx: ApiContext, media: MediaRecord) {
  return {
    id: media.id,
    name: media.name,
    state: media.state,
    size: media.size,
    media_type: media.media_type,
    document_category: media.document_category,
    description: media.description,
    captured_on: media.captured_on,
    geo_point: media.geo_point,
    heading: media.heading,
    pitch: media.pitch,
    local_coordinates: media.local_coordinates,
    local_id: media.local_id,
    ...locationFields(media),
    ...mediaLinks(ctx, media),
    project: media.project,
    checklist: media.checklist,
    layer: media.layer,
    source_media: media.source_media,
    created_on: media.created_on,
    updated_on: media.updated_on,
  }
}

/**
 * DefectOverlayInline: `defect` as an id, `media` slim, `created_by` a UserLite, and the photo's
 * `display_url` [I: the spec does not say whose URL it is; the media's is the one that makes sense].
 */
export function defectOverlays(ctx: ApiContext, defectId: number) {
  const overlays = ctx.runtime.indexes.overlaysByDefect().get(defectId) ?? []
  return overlays.flatMap((overlay) => {
    const media = ctx.state.tables.media.get(overlay.media)
    if (media === undefined) return []
    const slim = mediaDefectInline(ctx, media)
    return [
      {
        id: overlay.id,
        media: slim,
        defect: overlay.defect,
        geometry: overlay.geometry,
        geometry_extra: overlay.geometry_extra,
        note: overlay.note,
        display_url: slim.display_url,
        created_by: userLite(ctx, overlay.created_by),
        created_on: overlay.created_on,
        updated_on: overlay.updated_on,
      },
    ]
  })
}
