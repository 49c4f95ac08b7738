import { NavLink, Navigate, Route, Routes } from 'react-router';
import { useSession } from '../../session/SessionProvider';
import { AccountSection } from './AccountSection';
import { AdminOnly } from './AdminOnly';
import { ApiKeysSection } from './ApiKeysSection';
import { AuditLogSection } from './AuditLogSection';
import { MembersSection } from './MembersSection';
import { OrganizationSection } from './OrganizationSection';
import { SessionsSection } from './SessionsSection';
import { isAdmin } from './roles';

/** The sections, each at its own URL; API keys and the audit log are listed for admins only. */
const SECTIONS = [
  { path: 'members', label: 'Members', adminOnly: false },
  { path: 'api-keys', label: 'API keys', adminOnly: true },
  { path: 'sessions', label: 'Sessions', adminOnly: false },
  { path: 'audit', label: 'Audit log', adminOnly: true },
  { path: 'organization', label: 'Organization', adminOnly: false },
  { path: 'account', label: 'Account', adminOnly: false },
];

export default function Settings() {
  const { session } = useSession();
  const admin = isAdmin(session?.role);
  return (
    <section className="settings">
      <h1>Settings</h1>
      <nav aria-label="Settings" className="settings-nav">
        <ul>
          {SECTIONS.filter((section) => admin || !section.adminOnly).map((section) => (
            <li key={section.path}>
              <NavLink to={`/settings/${section.path}`}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-section">
        <Routes>
          <Route index element={<Navigate to="members" replace />} />
          <Route path="members" element={<MembersSection />} />
          <Route
            path="api-keys"
            element={
              <AdminOnly title="API keys" what="API keys">
                <ApiKeysSection />
              </AdminOnly>
            }
          />
          <Route path="sessions" element={<SessionsSection />} />
          <Route
            path="audit"
            element={
              <AdminOnly title="Audit log" what="the audit log">
                <AuditLogSection />
              </AdminOnly>
            }
          />
          <Route path="organization" element={<OrganizationSection />} />
          <Route path="account" element={<AccountSection />} />
          <Route path="*" element={<p>There is no such settings page.</p>} />
        </Routes>
      </div>
    </section>
  );
}
