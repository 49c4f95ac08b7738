import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from '../session/SessionProvider';
import { Layout } from './Layout';
// The two pages people land on come with the first script (no second round trip before they
// show); every other area is its own chunk (budgets: web/scripts/budgets.mjs).
import SignIn from '../pages/auth/SignIn';
import Dashboard from '../pages/dashboard/Dashboard';

const SignUp = lazy(() => import('../pages/auth/SignUp'));
const AcceptInvitation = lazy(() => import('../pages/auth/AcceptInvitation'));
const Suggestions = lazy(() => import('../pages/suggestions/Suggestions'));
const Workflows = lazy(() => import('../pages/workflows/Workflows'));
const WorkflowPage = lazy(() => import('../pages/workflows/WorkflowPage'));
const ExecutionPage = lazy(() => import('../pages/executions/ExecutionPage'));
const Integrations = lazy(() => import('../pages/integrations/Integrations'));
const Settings = lazy(() => import('../pages/settings/Settings'));
const Reports = lazy(() => import('../pages/reports/Reports'));

function Loading() {
  return (
    <p role="status" className="muted page-loading">
      Loading…
    </p>
  );
}

/** Signed-in pages: anyone else goes to sign in, and comes back here after. */
function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/login" element={<SignIn />} />
        <Route path="/signup" element={<SignUp />} />
        <Route path="/invitations/accept" element={<AcceptInvitation />} />
        <Route path="/explorer" element={<LoadDocument />} />
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<Dashboard />} />
          <Route path="suggestions" element={<Suggestions />} />
          <Route path="workflows" element={<Workflows />} />
          <Route path="workflows/:id/*" element={<WorkflowPage />} />
          <Route path="executions/:id" element={<ExecutionPage />} />
          <Route path="integrations/*" element={<Integrations />} />
          <Route path="settings/*" element={<Settings />} />
          <Route path="reports" element={<Reports />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

/** A page of its own beside the app (the API explorer, explorer.html): reached from here, e.g. after sign-in, by a page load. */
function LoadDocument() {
  const { pathname } = useLocation();
  useEffect(() => window.location.replace(pathname), [pathname]);
  return <Loading />;
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>
        <a href="/">Back to the dashboard</a>
      </p>
    </section>
  );
}
