import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@crm/logging';
import type { LauncherConfig } from './config.js';

export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password';

/**
 * The first admin's password (runtime contract): CRM_ADMIN_PASSWORD, or a generated one written to
 * `$CRM_DATA_DIR/initial-admin-password` (mode 0600) whose path — never the password — is logged.
 * Called only when no admin exists yet.
 */
export function initialAdminPassword(
  config: LauncherConfig,
  logger: Logger,
): () => Promise<string> {
  return async () => {
    if (config.CRM_ADMIN_PASSWORD) return config.CRM_ADMIN_PASSWORD;
    const password = randomBytes(18).toString('base64url');
    const path = join(config.CRM_DATA_DIR, INITIAL_ADMIN_PASSWORD_FILE);
    await writeFile(path, `${password}\n`, { mode: 0o600 });
    logger.warn(
      { email: config.CRM_ADMIN_EMAIL, passwordFile: path },
      `first admin ${config.CRM_ADMIN_EMAIL} created; the generated password is in ${path}`,
    );
    return password;
  };
}
