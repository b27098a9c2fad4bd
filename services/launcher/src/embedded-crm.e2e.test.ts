import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger, uniqueName } from '@crm/testing';
import { loadLauncherConfig, type LauncherConfig } from './config.js';
import { startCrm, type CrmRuntime } from './runtime.js';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

interface Account {
  id: string;
  name: string;
  domain: string | null;
}

/**
 * The start-up story end to end: the embedded CRM (with `--demo`) serves the UI and API, a person
 * creates an account in the browser, and the data is still there after a restart.
 */
describe('the embedded CRM', () => {
  const logger = quietLogger('crm');
  let dataDir: string;
  let config: LauncherConfig;
  let crm: CrmRuntime | undefined;
  let browser: Browser;

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

  it('guards the embedded PostgreSQL with a generated password kept private', async () => {
    const file = join(config.CRM_DATA_DIR, 'postgres-password');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('is ready and serves the web UI', async () => {
    expect((await fetch(`${crm!.url}/readyz`)).status).toBe(200);
    const page = await fetch(`${crm!.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('loads the demo organisation', async () => {
    const list = (await (await fetch(`${crm!.url}/api/v1/accounts?q=Northwind`)).json()) as {
      items: Account[];
    };
    expect(list.items.map((a) => a.name)).toEqual(['Northwind Traders']);
  });

  it('creates an account through the browser', async () => {
    const name = uniqueName('Initech');
    const page = await browser.newPage();
    try {
      await page.goto(`${crm!.url}/`);
      await page.getByRole('button', { name: 'New account' }).click();
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Domain').fill('initech.example');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByRole('row', { name: new RegExp(name) }).waitFor({ timeout: 15_000 });

      const list = (await (await fetch(`${crm!.url}/api/v1/accounts?q=${name}`)).json()) as {
        items: Account[];
      };
      expect(list.items).toMatchObject([{ name, domain: 'initech.example' }]);
    } finally {
      await page.close();
    }
  });

  it('keeps accounts across a restart on the same data directory', async () => {
    const name = uniqueName('Umbrella');
    const created = await fetch(`${crm!.url}/api/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    expect(created.status).toBe(201);
    const account = (await created.json()) as Account;

    await crm!.stop();
    crm = undefined;
    crm = await startCrm(config, logger, { demo: true });

    const fetched = await fetch(`${crm.url}/api/v1/accounts/${account.id}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual(account);
    // The demo organisation is loaded once, not again on every start.
    const demo = (await (await fetch(`${crm.url}/api/v1/accounts?q=Northwind`)).json()) as {
      items: Account[];
    };
    expect(demo.items).toHaveLength(1);
  });
});
