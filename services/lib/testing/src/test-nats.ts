import { inject } from 'vitest';
import './provided-context.js';

/** URL of the suite-shared nats-server (JetStream enabled). */
export function testNatsUrl(): string {
  return inject('natsUrl');
}
