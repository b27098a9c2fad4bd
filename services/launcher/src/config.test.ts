import { describe, expect, it } from 'vitest';
import { ConfigError } from '@crm/config';
import { loadLauncherConfig } from './config.js';

describe('launcher configuration', () => {
  it('embeds everything by default, with data in ./.crm-data on port 8080', () => {
    const config = loadLauncherConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.CRM_DATA_DIR).toMatch(/\.crm-data$/);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.NATS_URL).toBeUndefined();
    expect(config.CLICKHOUSE_URL).toBeUndefined();
    expect(config.WEB_DIST_DIR).toMatch(/web\/dist$/);
    expect(config.CRM_ADMIN_EMAIL).toBe('admin@example.com');
    expect(config.CRM_ADMIN_PASSWORD).toBeUndefined();
  });

  it('names each bad variable', () => {
    expect(() => loadLauncherConfig({ PORT: 'http', DATABASE_URL: 'not a url' })).toThrow(
      ConfigError,
    );
    try {
      loadLauncherConfig({ PORT: 'http', DATABASE_URL: 'not a url' });
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.variable).sort()).toEqual([
        'DATABASE_URL',
        'PORT',
      ]);
    }
  });
});
