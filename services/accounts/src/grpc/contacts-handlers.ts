import { authorize, visibilityOf } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { UnaryHandlers } from '@crm/grpc';
import { pageSize } from '@crm/paging';
import type { ContactsServiceService } from '@crm/proto/crm/accounts/v1/contacts';
import {
  contactMessage,
  createContact,
  deleteContact,
  updateContact,
} from '../commands/contact-commands.js';
import { mergeContacts } from '../commands/merge-contacts.js';
import { defaultOwner } from '../commands/ownership.js';
import { ContactRepository } from '../db/contact-repository.js';
import { contactSorts, parseContactSort } from '../domain/contact-order.js';
import { parseContactPatch, parseNewContact } from '../domain/contact.js';
import { normaliseEmail } from '../domain/email.js';
import { parseContactFilters } from '../domain/list-filters.js';
import { parseSearchQuery } from '../domain/search-query.js';
import { CONTROL_CHARACTERS } from '../domain/text-field.js';
import { parseExpectedVersion, parseRequiredVersion } from '../domain/version.js';
import { contactPatchInput, newContactInput, toContactMessage } from './contact-mapper.js';
import { changing, reading, type HandlerDeps } from './handler-deps.js';
import {
  cursorAfter,
  excludedIdOf,
  mergeRequestOf,
  pageInfoOf,
  recordIdOf,
} from './request-values.js';

const contactId = (id: string) => recordIdOf(id, 'Contact');

export function contactsHandlers(deps: HandlerDeps): UnaryHandlers<typeof ContactsServiceService> {
  return {
    async createContact(request, call) {
      authorize(call.caller, 'contacts', 'create');
      const input = newContactInput(request);
      const fields = parseNewContact({
        ...input,
        ownerId: defaultOwner(input.ownerId, call.caller),
      });
      const contact = await changing(deps, call.caller, (tx, journal) =>
        createContact(tx, journal, fields, { allowDuplicate: request.allowDuplicate }),
      );
      call.logger.info({ contactId: contact.id }, 'contact created');
      return { contact };
    },

    async getContact(request, call) {
      authorize(call.caller, 'contacts', 'read');
      const id = contactId(request.id);
      const contact = await reading(deps, async (em) => {
        const found = await new ContactRepository(em).findById(id);
        return found && contactMessage(em, found);
      });
      if (!contact) throw DomainError.notFound('Contact');
      return { contact };
    },

    async listContacts(request, call) {
      authorize(call.caller, 'contacts', 'read');
      const limit = pageSize(request.page?.limit ?? 0);
      const query = parseSearchQuery(request.query);
      const sort = parseContactSort(request.sort, query !== undefined);
      const after = cursorAfter(request.page, sort, contactSorts);
      const filters = parseContactFilters({
        accountIds: request.accountIds,
        ownerIds: request.ownerIds,
      });
      const { contacts, next, names } = await reading(deps, async (em) => {
        const repository = new ContactRepository(em);
        const page = await repository.list({ limit, sort, after, query, filters });
        const accountIds = page.contacts.map((contact) => contact.accountId);
        return { ...page, names: await repository.accountNames(accountIds) };
      });
      return {
        contacts: contacts.map((contact) =>
          toContactMessage(contact, names.get(contact.accountId ?? '')),
        ),
        page: pageInfoOf(next),
      };
    },

    async updateContact(request, call) {
      authorize(call.caller, 'contacts', 'update');
      const id = contactId(request.id);
      const expectedVersion = parseRequiredVersion(request.expectedVersion);
      const patch = parseContactPatch(contactPatchInput(request));
      const contact = await changing(deps, call.caller, (tx, journal) =>
        updateContact(tx, journal, {
          id,
          expectedVersion,
          patch,
          allowDuplicate: request.allowDuplicate,
          deleteVisibility: visibilityOf(call.caller, 'contacts', 'delete'),
        }),
      );
      return { contact };
    },

    async deleteContact(request, call) {
      const visibility = authorize(call.caller, 'contacts', 'delete');
      const id = contactId(request.id);
      const expectedVersion = parseExpectedVersion(request.expectedVersion);
      await changing(deps, call.caller, (tx, journal) =>
        deleteContact(tx, journal, { id, expectedVersion, visibility }),
      );
      call.logger.info({ contactId: id }, 'contact deleted');
      return {};
    },

    async findDuplicateContacts(request, call) {
      authorize(call.caller, 'contacts', 'read');
      // Asked while people type: unfinished addresses simply match nothing, but no address can
      // hold a control character: that is a mistake, said as for creation.
      if (request.emails.some((raw) => CONTROL_CHARACTERS.test(raw)))
        throw DomainError.validation([
          { path: '/email', message: 'must not contain control characters' },
        ]);
      const emails = request.emails.flatMap((raw) => {
        const email = normaliseEmail(raw);
        return email.ok && email.value ? [email.value] : [];
      });
      const excludeId = excludedIdOf(request.excludeId);
      const contacts = await reading(deps, async (em) => {
        const repository = new ContactRepository(em);
        const found = await repository.findByEmails(emails, excludeId);
        const names = await repository.accountNames(found.map((contact) => contact.accountId));
        return found.map((contact) =>
          toContactMessage(contact, names.get(contact.accountId ?? '')),
        );
      });
      return { contacts };
    },

    async mergeContacts(request, call) {
      authorize(call.caller, 'contacts', 'merge');
      const merge = mergeRequestOf(request, 'Contact');
      const contact = await changing(deps, call.caller, (tx, journal) =>
        mergeContacts(tx, journal, merge),
      );
      call.logger.info(
        { contactId: merge.survivorId, mergedId: merge.mergedId },
        'contacts merged',
      );
      return { contact };
    },
  };
}
