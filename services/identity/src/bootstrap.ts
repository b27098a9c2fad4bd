import { DomainError } from '@crm/errors';
import { withRequestContext, type Orm } from '@crm/db';
import { AuditLog } from './db/audit-log.js';
import { UserRepository } from './db/user-repository.js';
import type { PasswordHasher } from './domain/password-hasher.js';
import { emailErrors, normaliseEmail, passwordErrors } from './domain/user.js';
import {
  auditedFields,
  changesBetween,
  insertUser,
  lockUserStructure,
  publishUserUpserted,
} from './user-writes.js';

export interface InitialAdminOptions {
  email: string;
  /** Called only when an admin has to be created, so a missing secret matters only then. */
  password: () => Promise<string>;
}

export interface InitialAdminResult {
  created: boolean;
  /** The admin created, or the longest-standing active admin already there. */
  email: string;
}

const SYSTEM_ACTOR = { actorId: null, actorName: 'system', address: null };

/**
 * Makes sure someone can administer the installation: when no active admin exists, creates one
 * with `email` (or, when that user exists already, reactivates it as admin with the password).
 */
export async function ensureInitialAdmin(
  deps: { orm: Orm; passwords: PasswordHasher; now: () => Date; onEventsCommitted: () => void },
  options: InitialAdminOptions,
): Promise<InitialAdminResult> {
  const email = normaliseEmail(options.email);
  const invalidEmail = emailErrors(email);
  if (invalidEmail.length > 0) throw DomainError.validation(invalidEmail);
  const result = await withRequestContext(deps.orm, (em) =>
    em.transactional(async (tx): Promise<InitialAdminResult> => {
      // Instances starting together must not each create an admin.
      await lockUserStructure(tx);
      const users = new UserRepository(tx);
      const admin = await users.findFirstActiveAdmin();
      if (admin) return { created: false, email: admin.email };
      const password = await options.password();
      const invalid = passwordErrors(password);
      if (invalid.length > 0) throw DomainError.validation(invalid);
      const passwordHash = await deps.passwords.hash(password);
      const now = deps.now();
      const existing = await users.findByEmail(email);
      if (!existing) {
        await insertUser(
          tx,
          { email, name: 'Administrator', role: 'admin', managerId: null, passwordHash },
          SYSTEM_ACTOR,
          now,
        );
        return { created: true, email };
      }
      const before = auditedFields(existing);
      existing.role = 'admin';
      existing.active = true;
      existing.passwordHash = passwordHash;
      existing.updatedAt = now;
      new AuditLog(tx).append({
        ...SYSTEM_ACTOR,
        at: now,
        action: 'user.updated',
        resourceType: 'user',
        resourceId: existing.id,
        changes: changesBetween(before, auditedFields(existing)),
      });
      publishUserUpserted(tx, existing);
      return { created: true, email };
    }),
  );
  if (result.created) deps.onEventsCommitted();
  return result;
}
