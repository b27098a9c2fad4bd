import { Navigate, type RouteObject } from 'react-router-dom';
import { canOpen } from '../auth/access.js';
import { RequireAccess } from '../auth/require-access.js';
import { RequireSession } from '../auth/require-session.js';
import { useSession } from '../auth/session-context.js';
import { SIGN_IN_PATH } from '../auth/sign-in-path.js';
import { navItems } from '../layout/nav-items.js';
import { AccountDetailPage } from '../pages/accounts/account-detail-page.js';
import { AccountsPage } from '../pages/accounts/accounts-page.js';
import { ApiTokensPage } from '../pages/api-tokens/api-tokens-page.js';
import { AuditLogPage } from '../pages/audit-log/audit-log-page.js';
import { ContactDetailPage } from '../pages/contacts/contact-detail-page.js';
import { ContactsPage } from '../pages/contacts/contacts-page.js';
import { ForbiddenPage } from '../pages/errors/forbidden-page.js';
import { ImportWizardPage } from '../pages/imports/import-wizard-page.js';
import { ImportsPage } from '../pages/imports/imports-page.js';
import { NotFoundPage } from '../pages/errors/not-found-page.js';
import { RouteErrorPage } from '../pages/errors/route-error-page.js';
import { SignInPage } from '../pages/sign-in/sign-in-page.js';
import { UsersPage } from '../pages/users/users-page.js';

/** `/` opens the first part of the app the role may use. */
function StartPage() {
  const { permissions } = useSession();
  const first = navItems.find((item) => canOpen(item.section, permissions));
  return first ? <Navigate to={first.to} replace /> : <ForbiddenPage />;
}

export const routes: RouteObject[] = [
  { path: SIGN_IN_PATH, element: <SignInPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: <RequireSession />,
    // Catches failures of the layout itself; page failures are caught below, inside the shell.
    errorElement: <RouteErrorPage />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <StartPage /> },
          {
            path: 'accounts',
            element: (
              <RequireAccess section="accounts">
                <AccountsPage />
              </RequireAccess>
            ),
          },
          {
            path: 'accounts/:id',
            element: (
              <RequireAccess section="accounts">
                <AccountDetailPage />
              </RequireAccess>
            ),
          },
          {
            path: 'contacts',
            element: (
              <RequireAccess section="contacts">
                <ContactsPage />
              </RequireAccess>
            ),
          },
          {
            path: 'contacts/:id',
            element: (
              <RequireAccess section="contacts">
                <ContactDetailPage />
              </RequireAccess>
            ),
          },
          {
            path: 'imports',
            element: (
              <RequireAccess section="imports">
                <ImportsPage />
              </RequireAccess>
            ),
          },
          {
            path: 'imports/new',
            element: (
              <RequireAccess section="new-import">
                <ImportWizardPage />
              </RequireAccess>
            ),
          },
          {
            path: 'users',
            element: (
              <RequireAccess section="users">
                <UsersPage />
              </RequireAccess>
            ),
          },
          {
            path: 'api-tokens',
            element: (
              <RequireAccess section="api-tokens">
                <ApiTokensPage />
              </RequireAccess>
            ),
          },
          {
            path: 'audit-log',
            element: (
              <RequireAccess section="audit-log">
                <AuditLogPage />
              </RequireAccess>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
