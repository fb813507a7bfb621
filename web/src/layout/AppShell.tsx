// The frame of every signed-in screen: the organisation, the navigation and who is signed in.
// On a phone the navigation is one row that scrolls sideways, so every screen stays one tap away.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { Suspense } from 'react';
import { signOut as endSession, useSession } from '../session.ts';

const sections = [
  { to: '/', label: 'Today' },
  { to: '/worklist', label: 'Worklist' },
  { to: '/customers', label: 'Customers' },
  { to: '/actions', label: 'Actions' },
  { to: '/imports', label: 'Imports' },
  { to: '/playbooks', label: 'Playbooks' },
  { to: '/templates', label: 'Templates' },
  { to: '/settings', label: 'Settings' },
] as const;

export function AppShell() {
  const { user, role, org } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: endSession,
    onSuccess: async () => {
      queryClient.clear();
      queryClient.setQueryData(['session'], null);
      await navigate({ to: '/login', search: {} });
    },
  });
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-name">Arrears</span>
          <span className="org-name">{org.name}</span>
        </div>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {sections.map((section) => (
              <li key={section.to}>
                <Link to={section.to} activeOptions={{ exact: section.to === '/', includeSearch: false }} activeProps={{ 'aria-current': 'page', className: 'active' }}>
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span title={user?.email}>
            {user ? (user.name ?? user.email) : 'API key'} <span className="role">{role}</span>
          </span>
          <button type="button" className="link-button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </div>
      </header>
      {signOut.error && <p role="alert" className="error">{signOut.error.message}</p>}
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<p className="loading">Loading…</p>}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
