import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { StartupErrorScreen } from './components/StartupErrorScreen'
import { StatusBar } from './components/StatusBar'
import { stableRecordKey, useServerIdMemory } from './edits/server-ids'
import { CHANGES_HREF, parseRecordRef, parseTransamRef } from './routes'
import { useQuery } from './rpc/hooks'
import { AboutView } from './views/AboutView'
import { AssetBrowserView } from './views/assets/AssetBrowserView'
import { AssetDetailView } from './views/assets/AssetDetailView'
import { ChangesView } from './views/changes/ChangesView'
import { LinkSuggestionsView } from './views/links/LinkSuggestionsView'
import { NotFoundView } from './views/NotFoundView'
import { ProjectBrowserView } from './views/projects/ProjectBrowserView'
import { ProjectDetailView } from './views/projects/ProjectDetailView'
import { SettingsView } from './views/SettingsView'
import { SyncView } from './views/sync/SyncView'
import { TransamAssetDetailView } from './views/transam/TransamAssetDetailView'
import { UploadsView } from './views/uploads/UploadsView'

/** `within`: other address prefixes that belong to the section (TransAM assets are assets too). */
const SECTIONS: readonly { path: string; label: string; within?: readonly string[] }[] = [
  { path: '/assets', label: 'Assets', within: ['/transam/assets'] },
  { path: '/projects', label: 'Projects' },
  { path: '/links', label: 'Links' },
  { path: '/uploads', label: 'Uploads' },
  { path: CHANGES_HREF, label: 'Changes' },
  { path: '/sync', label: 'Sync' },
  { path: '/settings', label: 'Settings' },
  { path: '/about', label: 'About' },
]

export function App() {
  const info = useQuery('app.info', {})
  useServerIdMemory()
  if (info.state === 'loading') return <div className="splash">Starting Fieldstation…</div>
  if (info.state === 'error') {
    return (
      <StartupErrorScreen
        title="Fieldstation cannot reach its core"
        message={info.error.message}
        hint="Restart the app."
      />
    )
  }
  if (info.value.startupError) {
    const { message, hint } = info.value.startupError
    return (
      <StartupErrorScreen
        title="Fieldstation could not open its data"
        message={message}
        hint={hint}
      />
    )
  }

  return (
    <Router hook={useHashLocation}>
      <div className="shell">
        <nav className="sidebar" aria-label="Sections">
          <div className="brand">Fieldstation</div>
          {SECTIONS.map((section) => (
            <SectionLink key={section.path} {...section} />
          ))}
          {info.value.workspace === 'sandbox' && (
            <div className="sandbox-badge">Sandbox workspace</div>
          )}
        </nav>
        <main className="content">
          <Switch>
            <Route path="/assets">
              <AssetBrowserView />
            </Route>
            <Route path="/assets/:connectionId/:id">
              {(params) => {
                const ref = parseRecordRef(params)
                return ref ? (
                  <AssetDetailView key={`${ref.connectionId}/${ref.id}`} assetRef={ref} />
                ) : (
                  <NotFoundView />
                )
              }}
            </Route>
            <Route path="/transam/assets/:connectionId/:key">
              {(params) => {
                const ref = parseTransamRef(params)
                return ref ? (
                  <TransamAssetDetailView key={`${ref.connectionId}/${ref.key}`} assetRef={ref} />
                ) : (
                  <NotFoundView />
                )
              }}
            </Route>
            <Route path="/links">
              <LinkSuggestionsView />
            </Route>
            <Route path="/projects">
              <ProjectBrowserView />
            </Route>
            <Route path="/projects/:connectionId/:id">
              {(params) => {
                const ref = parseRecordRef(params)
                // Keyed by the id it was opened with: a project created here keeps its page
                // (and the field being typed in) when the push gives it HUVR's id.
                return ref ? (
                  <ProjectDetailView
                    key={stableRecordKey('huvr.project', ref.connectionId, ref.id)}
                    projectRef={ref}
                  />
                ) : (
                  <NotFoundView />
                )
              }}
            </Route>
            <Route path="/uploads">
              <UploadsView />
            </Route>
            <Route path={CHANGES_HREF}>
              <ChangesView />
            </Route>
            <Route path="/sync">
              <SyncView />
            </Route>
            <Route path="/settings">
              <SettingsView />
            </Route>
            <Route path="/about">
              <AboutView info={info.value} />
            </Route>
            <Route>
              <Redirect to="/assets" />
            </Route>
          </Switch>
        </main>
        <StatusBar />
      </div>
    </Router>
  )
}

/** A sidebar entry, highlighted on its section's pages too (e.g. an asset's detail under Assets). */
function SectionLink(props: { path: string; label: string; within?: readonly string[] }) {
  const { path, label } = props
  const [location] = useLocation()
  const active = [path, ...(props.within ?? [])].some(
    (prefix) => location === prefix || location.startsWith(`${prefix}/`),
  )
  return (
    <Link
      href={path}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
    >
      {label}
    </Link>
  )
}
