import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { StartupErrorScreen } from './components/StartupErrorScreen'
import { StatusBar } from './components/StatusBar'
import { parseRecordRef } from './routes'
import { useQuery } from './rpc/hooks'
import { AboutView } from './views/AboutView'
import { AssetBrowserView } from './views/assets/AssetBrowserView'
import { AssetDetailView } from './views/assets/AssetDetailView'
import { EmptyCollectionView } from './views/EmptyCollectionView'
import { NotFoundView } from './views/NotFoundView'
import { ProjectBrowserView } from './views/projects/ProjectBrowserView'
import { ProjectDetailView } from './views/projects/ProjectDetailView'
import { SettingsView } from './views/SettingsView'
import { SyncView } from './views/sync/SyncView'

const SECTIONS = [
  { path: '/assets', label: 'Assets' },
  { path: '/projects', label: 'Projects' },
  { path: '/uploads', label: 'Uploads' },
  { path: '/sync', label: 'Sync' },
  { path: '/settings', label: 'Settings' },
  { path: '/about', label: 'About' },
] as const

export function App() {
  const info = useQuery('app.info', {})
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
            <SectionLink key={section.path} path={section.path} label={section.label} />
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
            <Route path="/projects">
              <ProjectBrowserView />
            </Route>
            <Route path="/projects/:connectionId/:id">
              {(params) => {
                const ref = parseRecordRef(params)
                return ref ? (
                  <ProjectDetailView key={`${ref.connectionId}/${ref.id}`} projectRef={ref} />
                ) : (
                  <NotFoundView />
                )
              }}
            </Route>
            <Route path="/uploads">
              <EmptyCollectionView title="Uploads" what="queued photo and document uploads" />
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
function SectionLink({ path, label }: { path: string; label: string }) {
  const [location] = useLocation()
  const active = location === path || location.startsWith(`${path}/`)
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
