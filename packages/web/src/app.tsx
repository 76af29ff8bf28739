/**
 * The UI shell: the top bar and the routes. The dashboard and the calls pages (what most visits
 * open) are in the main bundle; the other pages load on first use.
 */
import { lazy, Suspense } from "react";
import { Link, Redirect, Route, Switch, useLocation } from "wouter";
import { AuthProvider, useAuth } from "./auth/auth-context.js";
import { CallDetailPage } from "./call-detail/call-detail-page.js";
import { CallsPage } from "./calls/calls-page.js";
import { DashboardPage } from "./dashboard/dashboard-page.js";
import { ErrorBoundary } from "./ui/error-boundary.js";
import { ThemeToggle } from "./ui/theme-toggle.js";

const DriftPage = lazy(() => import("./drift/drift-page.js").then((m) => ({ default: m.DriftPage })));
const EvalComparePage = lazy(() =>
  import("./evals/eval-compare-page.js").then((m) => ({ default: m.EvalComparePage })),
);
const EvalRunPage = lazy(() => import("./evals/eval-run-page.js").then((m) => ({ default: m.EvalRunPage })));
const EvalRunsPage = lazy(() =>
  import("./evals/eval-runs-page.js").then((m) => ({ default: m.EvalRunsPage })),
);
const ModelsPage = lazy(() => import("./models/models-page.js").then((m) => ({ default: m.ModelsPage })));
const ReviewPage = lazy(() => import("./review/review-page.js").then((m) => ({ default: m.ReviewPage })));
const ShadowPage = lazy(() => import("./shadow/shadow-page.js").then((m) => ({ default: m.ShadowPage })));

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
        {tab("/review", "Review")}
        {tab("/evals", "Evals")}
        {tab("/models", "Models")}
        {tab("/shadow", "Shadow")}
        {tab("/drift", "Drift")}
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
      <Suspense fallback={<div className="page muted">loading…</div>}>
        <Switch>
          <Route path="/">
            <Redirect to="/dashboard" replace />
          </Route>
          <Route path="/dashboard" component={DashboardPage} />
          <Route path="/calls" component={CallsPage} />
          <Route path="/review" component={ReviewPage} />
          <Route path="/calls/:id">{(params) => <CallDetailPage id={decodeURIComponent(params.id)} />}</Route>
          <Route path="/evals" component={EvalRunsPage} />
          <Route path="/models" component={ModelsPage} />
          <Route path="/shadow" component={ShadowPage} />
          <Route path="/drift" component={DriftPage} />
          <Route path="/evals/compare" component={EvalComparePage} />
          <Route path="/evals/runs/:id">
            {(params) => <EvalRunPage id={decodeURIComponent(params.id)} />}
          </Route>
          <Route>
            <div className="page">
              <div className="message">
                <strong>No page here.</strong> <Link href="/dashboard">Go to the dashboard</Link>
              </div>
            </div>
          </Route>
        </Switch>
      </Suspense>
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
