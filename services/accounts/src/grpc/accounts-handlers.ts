import { authorize, visibilityOf } from '@crm/authz';
import { DomainError } from '@crm/errors';
import type { UnaryHandlers } from '@crm/grpc';
import { pageSize } from '@crm/paging';
import type { AccountsServiceService } from '@crm/proto/crm/accounts/v1/accounts';
import {
  accountMessage,
  createAccount,
  deleteAccount,
  updateAccount,
} from '../commands/account-commands.js';
import { mergeAccounts } from '../commands/merge-accounts.js';
import { defaultOwner } from '../commands/ownership.js';
import { AccountRepository } from '../db/account-repository.js';
import { ACCOUNT_NAME_MAX_LENGTH } from '../domain/account-fields.js';
import { accountSorts, parseAccountSort } from '../domain/account-order.js';
import { parseAccountPatch, parseNewAccount } from '../domain/account.js';
import { normaliseDomain } from '../domain/host-name.js';
import { parseAccountFilters } from '../domain/list-filters.js';
import { parseSearchQuery } from '../domain/search-query.js';
import { normaliseLine } from '../domain/text-field.js';
import { parseExpectedVersion, parseRequiredVersion } from '../domain/version.js';
import {
  accountPatchInput,
  accountStatusName,
  newAccountInput,
  toAccountMessage,
} from './account-mapper.js';
import { changing, reading, type HandlerDeps } from './handler-deps.js';
import {
  cursorAfter,
  excludedIdOf,
  mergeRequestOf,
  pageInfoOf,
  recordIdOf,
} from './request-values.js';

const accountId = (id: string) => recordIdOf(id, 'Account');

export function accountsHandlers(deps: HandlerDeps): UnaryHandlers<typeof AccountsServiceService> {
  return {
    async createAccount(request, call) {
      authorize(call.caller, 'accounts', 'create');
      const input = newAccountInput(request);
      const fields = parseNewAccount({
        ...input,
        ownerId: defaultOwner(input.ownerId, call.caller),
      });
      const account = await changing(deps, call.caller, (tx, journal) =>
        createAccount(tx, journal, fields, { allowDuplicate: request.allowDuplicate }),
      );
      call.logger.info({ accountId: account.id }, 'account created');
      return { account };
    },

    async getAccount(request, call) {
      // Accounts are organisation-wide: any visibility the matrix grants shows every account.
      authorize(call.caller, 'accounts', 'read');
      const id = accountId(request.id);
      const account = await reading(deps, async (em) => {
        const found = await new AccountRepository(em).findById(id);
        return found && accountMessage(em, found);
      });
      if (!account) throw DomainError.notFound('Account');
      return { account };
    },

    async listAccounts(request, call) {
      authorize(call.caller, 'accounts', 'read');
      const limit = pageSize(request.page?.limit ?? 0);
      const query = parseSearchQuery(request.query);
      // A search lists best matches first unless the caller asks for another order.
      const sort = parseAccountSort(request.sort, query !== undefined);
      const after = cursorAfter(request.page, sort, accountSorts);
      const filters = parseAccountFilters({
        ownerIds: request.ownerIds,
        statuses: request.statuses.map(accountStatusName),
        tags: request.tags,
        industries: request.industries,
      });
      const { accounts, next, counts } = await reading(deps, async (em) => {
        const repository = new AccountRepository(em);
        const page = await repository.list({ limit, sort, after, query, filters });
        return { ...page, counts: await repository.contactCounts(page.accounts.map((a) => a.id)) };
      });
      return {
        accounts: accounts.map((account) => toAccountMessage(account, counts.get(account.id) ?? 0)),
        page: pageInfoOf(next),
      };
    },

    async updateAccount(request, call) {
      authorize(call.caller, 'accounts', 'update');
      const id = accountId(request.id);
      const expectedVersion = parseRequiredVersion(request.expectedVersion);
      const patch = parseAccountPatch(accountPatchInput(request));
      const account = await changing(deps, call.caller, (tx, journal) =>
        updateAccount(tx, journal, {
          id,
          expectedVersion,
          patch,
          allowDuplicate: request.allowDuplicate,
          deleteVisibility: visibilityOf(call.caller, 'accounts', 'delete'),
        }),
      );
      return { account };
    },

    async deleteAccount(request, call) {
      const visibility = authorize(call.caller, 'accounts', 'delete');
      const id = accountId(request.id);
      const expectedVersion = parseExpectedVersion(request.expectedVersion);
      await changing(deps, call.caller, (tx, journal) =>
        deleteAccount(tx, journal, { id, expectedVersion, visibility }),
      );
      call.logger.info({ accountId: id }, 'account deleted');
      return {};
    },

    async findDuplicateAccounts(request, call) {
      authorize(call.caller, 'accounts', 'read');
      // Asked while people type: an unfinished domain simply matches nothing.
      const domain = normaliseDomain(request.domain);
      // A name no account can have (control characters, too long) is refused as creation would.
      const name = normaliseLine(request.name, ACCOUNT_NAME_MAX_LENGTH);
      if (!name.ok) throw DomainError.validation([{ path: '/name', message: name.message }]);
      const excludeId = excludedIdOf(request.excludeId);
      const accounts = await reading(deps, async (em) => {
        const repository = new AccountRepository(em);
        const found = await repository.findDuplicates({
          domain: domain.ok ? domain.value : null,
          name: name.value,
          excludeId,
        });
        const counts = await repository.contactCounts(found.map((a) => a.id));
        return found.map((account) => toAccountMessage(account, counts.get(account.id) ?? 0));
      });
      return { accounts };
    },

    async mergeAccounts(request, call) {
      authorize(call.caller, 'accounts', 'merge');
      const merge = mergeRequestOf(request, 'Account');
      const account = await changing(deps, call.caller, (tx, journal) =>
        mergeAccounts(tx, journal, merge),
      );
      call.logger.info(
        { accountId: merge.survivorId, mergedId: merge.mergedId },
        'accounts merged',
      );
      return { account };
    },
  };
}
