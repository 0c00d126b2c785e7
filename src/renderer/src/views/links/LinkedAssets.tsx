import { Link } from 'wouter'
import type { Result } from '../../../../shared/rpc/contract'
import { SystemBadge } from '../../components/SystemBadge'
import { MediaGallery } from '../projects/MediaGallery'
import { ProjectTable } from '../projects/ProjectTable'
import { assetHref, transamAssetHref } from '../../routes'
import { DocumentList } from '../transam/DocumentList'
import { transamTitle } from './SuggestionList'
import { UnlinkButton } from './UnlinkButton'

type LinkedTransam = Result<'assets.get'>['linkedTransam'][number]
type LinkedHuvr = Result<'transam.assets.get'>['linkedHuvr'][number]

/** On a HUVR asset's page: its confirmed TransAM twins, each with its documents. */
export function LinkedTransamAssets(props: {
  huvr: { connectionId: string; id: number }
  linked: readonly LinkedTransam[]
  onChanged: () => void
}) {
  if (props.linked.length === 0) {
    return (
      <p className="muted">
        Not linked to a TransAM asset. Confirm a suggestion below (or in Links) to see its documents
        here.
      </p>
    )
  }
  return (
    <div className="stack">
      {props.linked.map(({ asset, documents }) => {
        const name = transamTitle(asset)
        return (
          <section
            key={`${asset.connectionId}:${asset.key}`}
            className="panel linked-asset"
            aria-label={`Linked TransAM asset ${name}`}
          >
            <div className="panel-title-row">
              <div className="linked-asset-title">
                <SystemBadge system="transam" />
                <div>
                  <h3>
                    <Link href={transamAssetHref(asset.connectionId, asset.key)}>{name}</Link>
                  </h3>
                  <p className="muted linked-asset-meta">
                    {[
                      asset.assetTag && `Asset tag ${asset.assetTag}`,
                      asset.typeName,
                      asset.organization,
                    ]
                      .filter(Boolean)
                      .join(' · ') || 'TransAM asset'}
                  </p>
                </div>
              </div>
              <UnlinkButton
                linkRef={{
                  huvrConnectionId: props.huvr.connectionId,
                  huvrId: props.huvr.id,
                  transamConnectionId: asset.connectionId,
                  transamKey: asset.key,
                }}
                onUnlinked={props.onChanged}
              />
            </div>
            <h4 className="linked-asset-heading">Documents ({documents.length})</h4>
            <DocumentList
              documents={documents}
              label={`Documents of ${name}`}
              onFetched={props.onChanged}
            />
          </section>
        )
      })}
    </div>
  )
}

/** On a TransAM asset's page: its confirmed HUVR twins, with their projects and media. */
export function LinkedHuvrAssets(props: {
  transam: { connectionId: string; key: string }
  linked: readonly LinkedHuvr[]
  onChanged: () => void
}) {
  if (props.linked.length === 0) {
    return (
      <p className="muted">
        Not linked to a HUVR asset. Confirm a suggestion below (or in Links) to see its projects and
        media here.
      </p>
    )
  }
  return (
    <div className="stack">
      {props.linked.map(({ asset, projects, media }) => (
        <section
          key={`${asset.connectionId}:${asset.id}`}
          className="panel linked-asset"
          aria-label={`Linked HUVR asset ${asset.name}`}
        >
          <div className="panel-title-row">
            <div className="linked-asset-title">
              <SystemBadge system="huvr" />
              <div>
                <h3>
                  <Link href={assetHref(asset.connectionId, asset.id)}>{asset.name}</Link>
                </h3>
                <p className="muted linked-asset-meta">{asset.assetPath ?? 'HUVR asset'}</p>
              </div>
            </div>
            <UnlinkButton
              linkRef={{
                huvrConnectionId: asset.connectionId,
                huvrId: asset.id,
                transamConnectionId: props.transam.connectionId,
                transamKey: props.transam.key,
              }}
              onUnlinked={props.onChanged}
            />
          </div>
          <h4 className="linked-asset-heading">Projects ({projects.length})</h4>
          {projects.length === 0 ? (
            <p className="muted">No projects on this asset in the cache.</p>
          ) : (
            <ProjectTable projects={projects} label={`Projects on ${asset.name}`} />
          )}
          <h4 className="linked-asset-heading">Media ({media.length})</h4>
          {media.length === 0 ? (
            <p className="muted">
              No media on this computer. Make one of its projects available offline and sync to
              download the thumbnails.
            </p>
          ) : (
            // Only media of projects kept offline are sent here, so their thumbnails are expected.
            <MediaGallery media={media} projectAvailableOffline />
          )}
        </section>
      ))}
    </div>
  )
}
