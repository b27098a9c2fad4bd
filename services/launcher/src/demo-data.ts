import { callUnary, createGrpcClient } from '@crm/grpc';
import type { Logger } from '@crm/logging';
import { AccountsServiceClient } from '@crm/proto/crm/accounts/v1/accounts';

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
 * Loads the demo organisation once: nothing is added when accounts already exist, so a restart
 * with `--demo` never duplicates it.
 */
export async function loadDemoData(accountsAddress: string, logger: Logger): Promise<number> {
  const client = createGrpcClient(AccountsServiceClient, accountsAddress);
  const caller = { kind: 'service' as const, service: 'demo-loader' };
  try {
    const existing = await callUnary(
      client,
      client.listAccounts,
      { page: { limit: 1, cursor: '' }, query: '' },
      { caller },
    );
    if (existing.accounts.length > 0) {
      logger.info('demo data skipped: the organisation already has accounts');
      return 0;
    }
    for (const account of demoAccounts)
      await callUnary(client, client.createAccount, account, { caller });
    logger.info({ accounts: demoAccounts.length }, 'demo data loaded');
    return demoAccounts.length;
  } finally {
    client.close();
  }
}
