import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { theme } from './theme.js';

export interface AppProvidersProps {
  readonly queryClient: QueryClient;
  /** `test` turns off transitions and portals so component tests see the final DOM at once. */
  readonly env?: 'default' | 'test';
  readonly children: ReactNode;
}

export function AppProviders({ queryClient, env = 'default', children }: AppProvidersProps) {
  return (
    <MantineProvider theme={theme} env={env}>
      <Notifications />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
