import { Navigate, type RouteObject } from 'react-router-dom';
import { AppLayout } from '../layout/app-layout.js';
import { AccountDetailPage } from '../pages/accounts/account-detail-page.js';
import { AccountsPage } from '../pages/accounts/accounts-page.js';
import { NotFoundPage } from '../pages/errors/not-found-page.js';
import { RouteErrorPage } from '../pages/errors/route-error-page.js';

export const routes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    // Catches failures of the layout itself; page failures are caught below, inside the shell.
    errorElement: <RouteErrorPage />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/accounts" replace /> },
          { path: 'accounts', element: <AccountsPage /> },
          { path: 'accounts/:id', element: <AccountDetailPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
