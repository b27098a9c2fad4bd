import { runServiceMain } from '@crm/lifecycle';
import { loadAccountsConfig } from './config.js';
import { startAccountsService } from './service.js';

runServiceMain({
  service: 'accounts',
  loadConfig: () => loadAccountsConfig(),
  start: startAccountsService,
});
