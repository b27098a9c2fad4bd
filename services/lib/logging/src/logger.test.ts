import { Writable } from 'node:stream';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'accounts', destination }) };
}

describe('createLogger', () => {
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => context.setGlobalContextManager(contextManager.enable()));
  afterAll(() => {
    context.disable();
  });

  it('writes JSON with the service, an ISO time and a level label', () => {
    const { lines, logger } = capture();
    logger.info({ accountId: 'a1' }, 'account created');
    expect(lines[0]).toMatchObject({
      service: 'accounts',
      level: 'info',
      accountId: 'a1',
      msg: 'account created',
    });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('stamps the active trace and span ids on every line', () => {
    const { lines, logger } = capture();
    const span = trace.wrapSpanContext({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    });
    context.with(trace.setSpan(context.active(), span), () => logger.info('inside a span'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
    });
    expect(lines[1]).not.toHaveProperty('traceId');
  });

  it('redacts secrets wherever the usual keys appear', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        password: 'hunter2',
        user: { password: 'hunter2', token: 'tok' },
        req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'x-csrf-token': 'csrf' } },
        config: { DATABASE_URL: 'postgres://u:pw@h/db' },
      },
      'sensitive',
    );
    const text = JSON.stringify(lines[0]);
    for (const secret of ['hunter2', 'tok"', 'Bearer abc', 'sid=1', 'csrf"', 'u:pw'])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
