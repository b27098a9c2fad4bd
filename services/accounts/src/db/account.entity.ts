import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { accountStatuses, companySizes } from '../domain/account-fields.js';
import { recordStampProperties } from './record-properties.js';
import { TextArrayType } from './text-array-type.js';

/** An account row; the address is spread over columns (see the 2026-12-08 migration). */
export const AccountEntity = defineEntity({
  name: 'Account',
  tableName: 'accounts',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    domain: p.string().length(253).nullable(),
    ownerId: p.uuid().nullable(),
    industry: p.string().length(100).nullable(),
    size: p.enum(companySizes).nullable(),
    street: p.string().length(200).nullable(),
    city: p.string().length(100).nullable(),
    region: p.string().length(100).nullable(),
    postalCode: p.string().length(20).nullable(),
    country: p.string().length(2).nullable(),
    phone: p.string().length(50).nullable(),
    website: p.string().length(2048).nullable(),
    status: p.enum(accountStatuses),
    tags: p.type(new TextArrayType()),
    notes: p.text(),
    ...recordStampProperties(),
  },
});

export type Account = InferEntity<typeof AccountEntity>;
