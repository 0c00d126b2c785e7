import { Link, Redirect, Route, Router, Switch } from 'wouter'
import { useHashLocation } from 'wouter/use-hash-location'
import { StartupErrorScreen } from './components/StartupErrorScreen'
import { StatusBar } from './components/StatusBar'
import { useQuery } from './rpc/hooks'
import { AboutView } from './views/AboutView'
import { EmptyCollectionView } from './views/EmptyCollectionView'
import { SettingsView } from './views/SettingsView'

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
            <Link
              key={section.path}
              href={section.path}
              className={(active) => (active ? 'nav-link active' : 'nav-link')}
            >
              {section.label}
            </Link>
          ))}
          {info.value.workspace === 'sandbox' && (
            <div className="sandbox-badge">Sandbox workspace</div>
          )}
        </nav>
        <main className="content">
          <Switch>
            <Route path="/assets">
              <EmptyCollectionView title="Assets" what="assets" />
            </Route>
            <Route path="/projects">
              <EmptyCollectionView title="Projects" what="projects (work orders)" />
            </Route>
            <Route path="/uploads">
              <EmptyCollectionView title="Uploads" what="queued photo and document uploads" />
            </Route>
            <Route path="/sync">
              <EmptyCollectionView title="Sync" what="sync runs" />
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
