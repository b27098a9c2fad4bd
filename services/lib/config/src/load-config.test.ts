import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commonEnv, portFromEnv } from './common-env.js';
import { ConfigError, loadConfig } from './load-config.js';

const schema = z.object({
  ...commonEnv,
  PORT: portFromEnv.default(8080),
  DATABASE_URL: z.url({ message: 'expected a postgres:// URL' }),
});

describe('loadConfig', () => {
  it('parses and applies defaults', () => {
    const config = loadConfig('accounts', schema, { DATABASE_URL: 'postgres://u:p@localhost/db' });
    expect(config.PORT).toBe(8080);
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('names every offending variable and never echoes values', () => {
    let caught: unknown;
    try {
      loadConfig('accounts', schema, {
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'secret-value',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.issues.map((issue) => issue.variable).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(error.message).toContain('accounts: invalid configuration');
    expect(error.message).not.toContain('secret-value');
  });

  it('accepts only plain digits for numbers', () => {
    for (const PORT of ['0x10', ' 80', '1e2', '', '65536']) {
      expect(() =>
        loadConfig('gateway', schema, { PORT, DATABASE_URL: 'postgres://h/db' }),
      ).toThrow(/PORT/);
    }
    expect(loadConfig('gateway', schema, { PORT: '0', DATABASE_URL: 'postgres://h/db' }).PORT).toBe(
      0,
    );
  });

  it('reports a missing required variable', () => {
    expect(() => loadConfig('accounts', schema, {})).toThrow(/DATABASE_URL/);
  });
});
