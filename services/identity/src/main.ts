import { ConfigError } from '@crm/config';
import { runServiceMain } from '@crm/lifecycle';
import { loadIdentityConfig } from './config.js';
import { startIdentityService } from './service.js';

runServiceMain({
  service: 'identity',
  loadConfig: () => loadIdentityConfig(),
  start: startIdentityService,
  async ready(service, config, logger) {
    const admin = await service.ensureInitialAdmin({
      email: config.CRM_ADMIN_EMAIL,
      password: async () => {
        if (config.CRM_ADMIN_PASSWORD) return config.CRM_ADMIN_PASSWORD;
        throw new ConfigError('identity', [
          {
            variable: 'CRM_ADMIN_PASSWORD',
            message: 'is required while no active admin exists: the first admin signs in with it',
          },
        ]);
      },
    });
    if (admin.created) logger.info({ email: admin.email }, 'initial admin created');
  },
});
