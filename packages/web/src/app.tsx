/** The UI shell: the top bar and the routes (dashboard, calls, call detail). */
import { Link, Redirect, Route, Switch, useLocation } from "wouter";
import { AuthProvider, useAuth } from "./auth/auth-context.js";
import { CallDetailPage } from "./call-detail/call-detail-page.js";
import { CallsPage } from "./calls/calls-page.js";
import { DashboardPage } from "./dashboard/dashboard-page.js";
import { ErrorBoundary } from "./ui/error-boundary.js";
import { ThemeToggle } from "./ui/theme-toggle.js";

function TopBar() {
  const [location] = useLocation();
  const { bootstrap, signOut } = useAuth();
  const tab = (href: string, label: string) => (
    <Link href={href} className={location.startsWith(href) ? "tab active" : "tab"}>
      {label}
    </Link>
  );
  return (
    <header className="topbar">
      <Link href="/dashboard" className="brand">
        genchi
      </Link>
      <nav className="tabs">
        {tab("/dashboard", "Dashboard")}
        {tab("/calls", "Calls")}
      </nav>
      <div className="spacer" />
      <span className="muted small">project {bootstrap?.project ?? "default"}</span>
      <ThemeToggle />
      {bootstrap?.localMode ? null : (
        <button type="button" className="ghost small" onClick={signOut}>
          Change key
        </button>
      )}
    </header>
  );
}

function Pages() {
  const [location] = useLocation();
  return (
    <ErrorBoundary resetKey={location}>
      <Switch>
        <Route path="/">
          <Redirect to="/dashboard" replace />
        </Route>
        <Route path="/dashboard" component={DashboardPage} />
        <Route path="/calls" component={CallsPage} />
        <Route path="/calls/:id">{(params) => <CallDetailPage id={decodeURIComponent(params.id)} />}</Route>
        <Route>
          <div className="page">
            <div className="message">
              <strong>No page here.</strong> <Link href="/dashboard">Go to the dashboard</Link>
            </div>
          </div>
        </Route>
      </Switch>
    </ErrorBoundary>
  );
}

export function App() {
  return (
    <ErrorBoundary>
      <AuthProvider>
        <div className="shell">
          <TopBar />
          <main className="content">
            <Pages />
          </main>
        </div>
      </AuthProvider>
    </ErrorBoundary>
  );
}
