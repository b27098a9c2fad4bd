import { OutboxMessage } from '@crm/db';
import { AccountEntity } from './account.entity.js';
import { AttachmentEntity } from './attachment.entity.js';
import { ContactEntity } from './contact.entity.js';
import { TimelineEntryEntity } from './timeline-entry.entity.js';

/** Every entity of the accounts schema, for the ORM and the migration command. */
export const accountsEntities = [
  AccountEntity,
  ContactEntity,
  TimelineEntryEntity,
  AttachmentEntity,
  OutboxMessage,
];
