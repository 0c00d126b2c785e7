import { Link } from 'wouter'
import type { ProjectRow } from '../../../../shared/rpc/huvr-contract'
import { OfflineBadge, StateBadge } from '../../components/Badges'
import { projectHref } from '../../routes'
import { projectDates } from './project-dates'

/** A short list of projects (e.g. those of one asset), each a link to its detail. */
export function ProjectTable({ projects, label }: { projects: ProjectRow[]; label: string }) {
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Type</th>
          <th scope="col">Dates</th>
          <th scope="col">Offline</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((project) => (
          <tr key={`${project.connectionId}:${project.id}`}>
            <td>
              <Link href={projectHref(project.connectionId, project.id)}>{project.name}</Link>
            </td>
            <td>
              <StateBadge value={project.status} />
            </td>
            <td>{project.typeName ?? '—'}</td>
            <td>{projectDates(project)}</td>
            <td>{project.availableOffline && <OfflineBadge />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
