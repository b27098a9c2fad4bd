import { authorize } from '@crm/authz';
import { DomainError } from '@crm/errors';
import { enqueueOutboxMessage, withRequestContext, type Orm } from '@crm/db';
import type { Caller, UnaryHandlers } from '@crm/grpc';
import type { Actor } from '@crm/proto/crm/common/v1/actor';
import type { AccountsServiceService } from '@crm/proto/crm/accounts/v1/accounts';
import { isAccountId, parseNewAccount } from '../domain/account.js';
import { parseAccountSort } from '../domain/account-order.js';
import { pageSize } from '@crm/paging';
import { decodeCursor, encodeCursor } from '../domain/cursor.js';
import { parseSearchQuery } from '../domain/account-search.js';
import { AccountRepository } from '../db/account-repository.js';
import { accountSubjects, encodeAccountCreated } from '../events/account-events.js';
import { toAccountMessage } from './account-mapper.js';

/** Who the audit log will name for a change: the person behind the request, if any. */
function actorOf(caller: Caller): Actor {
  return caller.kind === 'user'
    ? { userId: caller.userId, address: caller.address ?? '' }
    : { userId: '', address: '' };
}

export interface AccountsHandlerDeps {
  orm: Orm;
  /** Wakes the outbox relay after a commit so events leave promptly. */
  onEventsCommitted: () => void;
}

export function accountsHandlers(
  deps: AccountsHandlerDeps,
): UnaryHandlers<typeof AccountsServiceService> {
  return {
    async createAccount(request, call) {
      authorize(call.caller, 'accounts', 'create');
      const input = parseNewAccount({
        name: request.name,
        domain: request.domain,
        // Until ownership rules arrive, the person creating the account owns it; only internal
        // callers (imports, the demo loader) may name another owner.
        ownerId:
          call.caller.kind === 'service'
            ? request.ownerId
            : call.caller.kind === 'user'
              ? call.caller.userId
              : undefined,
      });
      const account = await withRequestContext(deps.orm, (em) =>
        em.transactional(async (tx) => {
          const created = new AccountRepository(tx).create(input);
          const event = encodeAccountCreated(toAccountMessage(created), actorOf(call.caller));
          enqueueOutboxMessage(tx, {
            subject: accountSubjects.created,
            payload: event.payload,
            headers: event.headers,
          });
          return created;
        }),
      );
      deps.onEventsCommitted();
      call.logger.info({ accountId: account.id }, 'account created');
      return { account: toAccountMessage(account) };
    },

    async getAccount(request, call) {
      // Accounts are organisation-wide: any visibility the matrix grants shows every account.
      authorize(call.caller, 'accounts', 'read');
      // Ids are opaque to callers; anything that is not one of ours simply does not exist.
      if (!isAccountId(request.id)) throw DomainError.notFound('Account');
      const account = await withRequestContext(deps.orm, (em) =>
        new AccountRepository(em).findById(request.id),
      );
      if (!account) throw DomainError.notFound('Account');
      return { account: toAccountMessage(account) };
    },

    async listAccounts(request, call) {
      authorize(call.caller, 'accounts', 'read');
      const limit = pageSize(request.page?.limit ?? 0);
      const query = parseSearchQuery(request.query);
      // A search lists best matches first unless the caller asks for another order.
      const sort = parseAccountSort(request.sort, query !== undefined);
      const after = request.page?.cursor ? decodeCursor(request.page.cursor, sort) : undefined;
      const { accounts, next } = await withRequestContext(deps.orm, (em) =>
        new AccountRepository(em).list({ limit, sort, after, query }),
      );
      return {
        accounts: accounts.map(toAccountMessage),
        page: { nextCursor: next ? encodeCursor(next) : '' },
      };
    },
  };
}
