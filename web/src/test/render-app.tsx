import type { QueryClient } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AppProviders } from '../app/app-providers.js';
import { createQueryClient } from '../app/query-client.js';
import { routes } from '../app/routes.js';

/** Renders the whole app (providers, shell, routes) at `path`, as the browser would. */
export function renderApp(
  path: string,
  queryClient: QueryClient = createQueryClient(),
): RenderResult {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
}
