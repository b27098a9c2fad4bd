import { callUnary, createGrpcClient } from '@crm/grpc';
import type { Logger } from '@crm/logging';
import {
  AccountsServiceClient,
  CreateAccountRequest,
  ListAccountsRequest,
} from '@crm/proto/crm/accounts/v1/accounts';

/** A small, plausible client list: agencies, SaaS, manufacturing, public sector. */
export const demoAccounts: ReadonlyArray<{ name: string; domain: string }> = [
  { name: 'Northwind Traders', domain: 'northwind.example' },
  { name: 'Contoso Pharmaceuticals', domain: 'contoso-pharma.example' },
  { name: 'Fabrikam Manufacturing', domain: 'fabrikam.example' },
  { name: 'Tailspin Toys', domain: 'tailspintoys.example' },
  { name: 'Wide World Importers', domain: 'wideworldimporters.example' },
  { name: 'Adventure Works Cycles', domain: 'adventure-works.example' },
  { name: 'Woodgrove Bank', domain: 'woodgrovebank.example' },
  { name: 'Litware Software', domain: 'litware.example' },
  { name: 'Proseware Health', domain: 'proseware.example' },
  { name: 'City of Lakeside', domain: 'lakeside.example' },
  { name: 'Blue Yonder Airlines', domain: 'blueyonderairlines.example' },
  { name: 'Coho Winery', domain: 'cohowinery.example' },
];

/**
 * Makes sure the demo organisation is there: each demo account missing (by domain) is created, so
 * a restart with `--demo` never duplicates it and an interrupted load completes next time.
 */
export async function loadDemoData(
  accountsAddress: string,
  callerKey: string,
  logger: Logger,
): Promise<number> {
  const client = createGrpcClient(AccountsServiceClient, accountsAddress, { callerKey });
  const caller = { kind: 'service' as const, service: 'demo-loader' };
  try {
    let created = 0;
    for (const account of demoAccounts) {
      const { accounts } = await callUnary(
        client,
        client.listAccounts,
        ListAccountsRequest.fromPartial({ page: { limit: 200 }, query: account.domain }),
        { caller },
      );
      if (accounts.some((existing) => existing.domain === account.domain)) continue;
      await callUnary(client, client.createAccount, CreateAccountRequest.fromPartial(account), {
        caller,
      });
      created += 1;
    }
    logger.info({ created, total: demoAccounts.length }, 'demo data ready');
    return created;
  } finally {
    client.close();
  }
}
