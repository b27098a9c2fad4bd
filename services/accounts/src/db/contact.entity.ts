import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { recordStampProperties } from './record-properties.js';
import { TextArrayType } from './text-array-type.js';

/** A contact row; `account_id` references accounts (see the 2026-12-08 migration). */
export const ContactEntity = defineEntity({
  name: 'Contact',
  tableName: 'contacts',
  properties: {
    id: p.uuid().primary(),
    accountId: p.uuid().nullable(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    email: p.string().length(254).nullable(),
    otherEmails: p.type(new TextArrayType()),
    phone: p.string().length(50).nullable(),
    otherPhones: p.type(new TextArrayType()),
    title: p.string().length(200).nullable(),
    ownerId: p.uuid().nullable(),
    primary: p.boolean().fieldName('is_primary'),
    ...recordStampProperties(),
  },
});

export type Contact = InferEntity<typeof ContactEntity>;
