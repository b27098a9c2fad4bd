import { createLogger } from '@crm/logging';
import { describeBusContract } from './bus-contract.js';
import { createInProcessBus } from './in-process-bus.js';

describeBusContract('in-process bus', async () =>
  createInProcessBus({
    logger: createLogger({ service: 'bus-test', level: process.env['LOG_LEVEL'] ?? 'silent' }),
  }),
);
