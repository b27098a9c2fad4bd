import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger, uniqueName } from '@crm/testing';
import { loadLauncherConfig, type LauncherConfig } from './config.js';
import { INITIAL_ADMIN_PASSWORD_FILE } from './initial-admin.js';
import { startCrm, type CrmRuntime } from './runtime.js';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const STAFF_PASSWORD = 'staff password 123';

interface Account {
  id: string;
  name: string;
  domain: string | null;
}

/** A signed-in API client: the session cookie plus the CSRF token, as the web UI sends them. */
async function signIn(url: string, email: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return (path: string, init: { method?: string; body?: unknown } = {}) =>
    fetch(`${url}${path}`, {
      method: init.method ?? 'GET',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
}

async function signInThroughUi(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

async function navigationLinks(page: Page): Promise<string[]> {
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  return (await links.allTextContents()).map((text) => text.trim());
}

/**
 * The start-up story end to end: the embedded CRM (with `--demo`) creates the first admin with a
 * generated password, serves the UI and API, staff and admins see their navigation, a person
 * creates an account in the browser, and the data is still there after a restart.
 */
describe('the embedded CRM', () => {
  const logger = quietLogger('crm');
  let dataDir: string;
  let config: LauncherConfig;
  let crm: CrmRuntime | undefined;
  let browser: Browser;
  let adminPassword: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`browser tests need Chromium at ${CHROMIUM} (apt-get install chromium)`);
    dataDir = await mkdtemp(join(tmpdir(), 'crm-e2e-'));
    // As root the embedded PostgreSQL runs as `postgres`, which must reach the data directory.
    await chmod(dataDir, 0o755);
    config = loadLauncherConfig({
      CRM_DATA_DIR: join(dataDir, 'data'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    crm = await startCrm(config, logger, { demo: true });
    adminPassword = (
      await readFile(join(config.CRM_DATA_DIR, INITIAL_ADMIN_PASSWORD_FILE), 'utf8')
    ).trim();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await crm?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('creates the first admin with a generated password kept private, and guards PostgreSQL likewise', async () => {
    for (const file of [INITIAL_ADMIN_PASSWORD_FILE, 'postgres-password']) {
      const path = join(config.CRM_DATA_DIR, file);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await readFile(path, 'utf8')).trim().length).toBeGreaterThanOrEqual(20);
    }
  });

  it('is ready, serves the web UI, and nothing under /api/v1 but sign-in answers anonymously', async () => {
    expect((await fetch(`${crm!.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${crm!.url}/`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${crm!.url}/api/v1/accounts`)).status).toBe(401);
  });

  it('loads the demo organisation', async () => {
    const api = await signIn(crm!.url, config.CRM_ADMIN_EMAIL, adminPassword);
    const list = (await (await api('/api/v1/accounts?q=Northwind')).json()) as { items: Account[] };
    expect(list.items.map((a) => a.name)).toEqual(['Northwind Traders']);
    const contacts = (await (await api('/api/v1/contacts?q=Davolio')).json()) as {
      items: Array<{ firstName: string; accountName: string | null; primary: boolean }>;
    };
    expect(contacts.items).toMatchObject([
      { firstName: 'Nancy', accountName: 'Northwind Traders', primary: true },
    ]);
  });

  it('shows admins and staff the navigation their role allows, and refuses typed routes', async () => {
    const admin = await signIn(crm!.url, config.CRM_ADMIN_EMAIL, adminPassword);
    const staffEmail = `${uniqueName('staff')}@example.com`;
    const created = await admin('/api/v1/users', {
      method: 'POST',
      body: { email: staffEmail, name: 'Sam Staff', role: 'staff', password: STAFF_PASSWORD },
    });
    expect(created.status).toBe(201);

    const page = await browser.newPage();
    try {
      await signInThroughUi(page, crm!.url, config.CRM_ADMIN_EMAIL, adminPassword);
      expect(await navigationLinks(page)).toEqual([
        'Accounts',
        'Contacts',
        'Imports',
        'Users',
        'API tokens',
        'Audit log',
      ]);
      await page.getByRole('button', { name: 'User menu' }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();

      await signInThroughUi(page, crm!.url, staffEmail, STAFF_PASSWORD);
      expect(await navigationLinks(page)).toEqual(['Accounts', 'Contacts']);
      await page.goto(`${crm!.url}/users`);
      await page.getByText('You do not have access to this page').waitFor();
    } finally {
      await page.close();
    }
  });

  it('creates an account through the browser', async () => {
    const name = uniqueName('Initech');
    const page = await browser.newPage();
    try {
      await signInThroughUi(page, crm!.url, config.CRM_ADMIN_EMAIL, adminPassword);
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByRole('button', { name: 'New account' }).click();
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Domain').fill('initech.example');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('row', { name: new RegExp(name) }).waitFor({ timeout: 15_000 });

      const api = await signIn(crm!.url, config.CRM_ADMIN_EMAIL, adminPassword);
      const list = (await (await api(`/api/v1/accounts?q=${name}`)).json()) as { items: Account[] };
      expect(list.items).toMatchObject([{ name, domain: 'initech.example' }]);
    } finally {
      await page.close();
    }
  });

  it('imports a small CSV of contacts through the wizard, and finds them in the list', async () => {
    const marker = uniqueName('imported').replace(/[^a-z0-9]/gi, '');
    // The contacts' accounts are named by domain and by name, as a spreadsheet would have them.
    const csv = [
      'First name,Last name,E-mail,Company,Job title',
      `Ada,${marker}Lovelace,ada.${marker}@northwind.example,northwind.example,Analyst`,
      `Charles,${marker}Babbage,charles.${marker}@fabrikam.example,Fabrikam Manufacturing,Engineer`,
    ].join('\n');
    const page = await browser.newPage();
    // A step that never comes fails naming itself, well before the test's own timeout.
    page.setDefaultTimeout(8000);
    try {
      await signInThroughUi(page, crm!.url, config.CRM_ADMIN_EMAIL, adminPassword);
      await page.getByRole('link', { name: 'Imports' }).click();
      await page.goto(`${crm!.url}/imports/new`);
      await page.getByRole('radio', { name: 'Contacts' }).check();
      await page.getByLabel('CSV file').setInputFiles({
        name: 'people.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.getByRole('button', { name: 'Preview', exact: true }).click();
      await page.getByRole('table', { name: 'Column mapping' }).waitFor();
      // Headers unlike the field names: map them the way a person would.
      for (const [column, field] of [
        ['First name', 'First name'],
        ['Last name', 'Last name'],
        ['E-mail', 'Email'],
        ['Company', 'Account (name or domain)'],
        ['Job title', 'Job title'],
      ] as const) {
        await page.getByRole('combobox', { name: `Field for column ${column}` }).click();
        await page.getByRole('option', { name: field, exact: true }).click();
      }
      await page.getByRole('button', { name: 'Dry run', exact: true }).click();
      await page.getByRole('list', { name: 'Import results' }).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByText('Import completed').waitFor({ timeout: 30_000 });

      await page.goto(`${crm!.url}/contacts?q=${marker}`);
      const table = page.getByRole('table', { name: 'Contacts' });
      await table.getByRole('row', { name: new RegExp(`${marker}Lovelace`) }).waitFor();
      await expect(
        table.getByRole('row', { name: new RegExp(`${marker}Babbage.*Fabrikam`) }).count(),
      ).resolves.toBe(1);
      await expect(
        table.getByRole('row', { name: new RegExp(`${marker}Lovelace.*Northwind`) }).count(),
      ).resolves.toBe(1);
    } finally {
      await page.close();
    }
  });

  it('keeps accounts and users across a restart on the same data directory', async () => {
    const api = await signIn(crm!.url, config.CRM_ADMIN_EMAIL, adminPassword);
    const created = await api('/api/v1/accounts', {
      method: 'POST',
      body: { name: uniqueName('Umbrella') },
    });
    expect(created.status).toBe(201);
    const account = (await created.json()) as Account;

    await crm!.stop();
    crm = undefined;
    crm = await startCrm(config, logger, { demo: true });

    // The same admin password still works: the first admin is created only once.
    const again = await signIn(crm.url, config.CRM_ADMIN_EMAIL, adminPassword);
    const fetched = await again(`/api/v1/accounts/${account.id}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(account);
    const demo = (await (await again('/api/v1/accounts?q=Northwind')).json()) as {
      items: Account[];
    };
    expect(demo.items).toHaveLength(1);
  });
});
