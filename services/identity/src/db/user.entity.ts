import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { roles } from '@crm/authz';

export const UserEntity = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    /** Lower-cased on the way in, so the unique index is case-insensitive. */
    email: p.string().length(254).unique(),
    name: p.string().length(200),
    role: p.enum(roles),
    managerId: p.uuid().nullable(),
    active: p.boolean(),
    passwordHash: p.text().hidden(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export type User = InferEntity<typeof UserEntity>;
