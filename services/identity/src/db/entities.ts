import { OutboxMessage } from '@crm/db';
import { ApiTokenEntity } from './api-token.entity.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { LoginFailureEntity } from './login-failure.entity.js';
import { SessionEntity } from './session.entity.js';
import { UserEntity } from './user.entity.js';

/** Every entity the identity schema holds, for the service and the migrate command alike. */
export const identityEntities = [
  UserEntity,
  SessionEntity,
  ApiTokenEntity,
  LoginFailureEntity,
  AuditEventEntity,
  OutboxMessage,
];
