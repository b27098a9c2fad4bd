import { dropDatabase, ensureDatabase } from '@crm/db';
import { inject } from 'vitest';
import './provided-context.js';
import { uniqueName } from './helpers.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database on the shared server, so suites never see each other's rows. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = uniqueName(prefix);
  await ensureDatabase(adminUrl, name);
  return { name, url: withDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}
