import { describe, expect, it } from 'vitest';
import { captureLogger } from '@crm/testing';
import { StopStack } from './stop-stack.js';

describe('StopStack', () => {
  it('stops in reverse order and keeps going past a failing step', async () => {
    const { logger, lines } = captureLogger();
    const stack = new StopStack(logger);
    const stopped: string[] = [];
    stack.push('postgres', () => void stopped.push('postgres'));
    stack.push('bus', () => {
      throw new Error('drain failed');
    });
    stack.push('gateway', async () => void stopped.push('gateway'));
    await stack.stopAll();
    expect(stopped).toEqual(['gateway', 'postgres']);
    expect(lines()).toMatchObject([{ step: 'bus', msg: 'error while stopping' }]);
    await stack.stopAll();
    expect(stopped).toHaveLength(2);
  });
});
