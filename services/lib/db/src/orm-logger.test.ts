import { Writable } from 'node:stream';
import { createLogger } from '@crm/logging';
import { describe, expect, it } from 'vitest';
import { PinoOrmLogger } from './orm-logger.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return {
    lines,
    logger: new PinoOrmLogger(createLogger({ service: 'test', level, destination })),
  };
}

describe('PinoOrmLogger', () => {
  it('logs queries at debug without inlined parameters', () => {
    const { lines, logger } = capture('debug');
    expect(logger.isEnabled('query')).toBe(true);
    expect(logger.isEnabled('query-params')).toBe(false);
    logger.logQuery({ query: 'select 1', took: 2, params: ['secret'] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'debug',
      namespace: 'query',
      query: 'select 1',
      took: 2,
    });
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });

  it('stays quiet above debug but still reports warnings and errors', () => {
    const { lines, logger } = capture('info');
    expect(logger.isEnabled('query')).toBe(false);
    logger.logQuery({ query: 'select 1' });
    logger.log('discovery', 'found 3 entities');
    logger.warn('deprecated', 'old option');
    logger.error('query', 'connection refused');
    logger.logQuery({
      query: 'select pg_sleep(1)',
      namespace: 'slow-query',
      enabled: true,
      level: 'warning',
      took: 1000,
    });
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'old option'],
      ['error', 'connection refused'],
      ['warn', 'slow query'],
    ]);
  });
});
