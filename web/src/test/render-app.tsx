import type { QueryClient } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AppProviders } from '../app/app-providers.js';
import { createQueryClient } from '../app/query-client.js';
import { routes } from '../app/routes.js';

export type AppRouter = ReturnType<typeof createMemoryRouter>;

/** Renders the whole app (providers, shell, routes) at `path`, as the browser would. */
export function renderApp(
  path: string,
  queryClient: QueryClient = createQueryClient(),
): RenderResult & { readonly router: AppRouter } {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = render(
    <AppProviders queryClient={queryClient} env="test">
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, router };
}

/** The router's current address, as the browser's location bar would show it. */
export function currentPath(router: AppRouter): string {
  const { pathname, search } = router.state.location;
  return `${pathname}${search}`;
}
