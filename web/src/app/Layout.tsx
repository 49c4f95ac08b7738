import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { PolicyConsent } from '../pages/auth/PolicyConsent';
import { useSession } from '../session/SessionProvider';
import { OrganizationSwitcher } from './OrganizationSwitcher';

const NAV = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/suggestions', label: 'Suggestions' },
  { to: '/workflows', label: 'Workflows' },
  { to: '/integrations', label: 'Integrations' },
  { to: '/reports', label: 'Reports' },
  { to: '/settings', label: 'Settings' },
];

/** The signed-in frame: skip link, navigation, organization switcher, the page (or, until accepted, the new policies). */
export function Layout() {
  const { session, signOut, consentRequired } = useSession();
  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="app-header">
        <a href="/" className="brand">
          Flowgraph
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <OrganizationSwitcher />
          <span className="muted" title={session?.user.email}>
            {session?.user.name}
          </span>
          <button type="button" className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense
          fallback={
            <p role="status" className="muted">
              Loading…
            </p>
          }
        >
          {consentRequired ? <PolicyConsent /> : <Outlet />}
        </Suspense>
      </main>
    </div>
  );
}
