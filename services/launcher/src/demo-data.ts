import { callUnary, createGrpcClient, type Caller } from '@crm/grpc';
import type { Logger } from '@crm/logging';
import {
  AccountStatus,
  AccountsServiceClient,
  CompanySize,
  CreateAccountRequest,
  FindDuplicateAccountsRequest,
} from '@crm/proto/crm/accounts/v1/accounts';
import {
  ContactsServiceClient,
  CreateContactRequest,
  FindDuplicateContactsRequest,
} from '@crm/proto/crm/accounts/v1/contacts';

interface DemoContact {
  firstName: string;
  lastName: string;
  title: string;
  /** The part before the account's domain. */
  mailbox: string;
  primary?: boolean;
}

interface DemoAccount {
  name: string;
  domain: string;
  industry: string;
  size: CompanySize;
  status: AccountStatus;
  tags: string[];
  city: string;
  country: string;
  phone: string;
  contacts: DemoContact[];
}

const { ACCOUNT_STATUS_CUSTOMER: customer, ACCOUNT_STATUS_PROSPECT: prospect } = AccountStatus;
const formerCustomer = AccountStatus.ACCOUNT_STATUS_FORMER_CUSTOMER;

/** A small, plausible client list: agencies, SaaS, manufacturing, public sector. */
const demoAccounts: readonly DemoAccount[] = [
  {
    name: 'Northwind Traders',
    domain: 'northwind.example',
    industry: 'Wholesale',
    size: CompanySize.COMPANY_SIZE_201_500,
    status: customer,
    tags: ['key-account', 'retainer'],
    city: 'Seattle',
    country: 'US',
    phone: '+1 206 555 0100',
    contacts: [
      { firstName: 'Nancy', lastName: 'Davolio', title: 'COO', mailbox: 'nancy', primary: true },
      { firstName: 'Andrew', lastName: 'Fuller', title: 'Head of IT', mailbox: 'andrew.fuller' },
    ],
  },
  {
    name: 'Contoso Pharmaceuticals',
    domain: 'contoso-pharma.example',
    industry: 'Pharmaceuticals',
    size: CompanySize.COMPANY_SIZE_1001_5000,
    status: customer,
    tags: ['regulated'],
    city: 'Basel',
    country: 'CH',
    phone: '+41 61 555 01 23',
    contacts: [
      {
        firstName: 'Lena',
        lastName: 'Keller',
        title: 'VP Digital',
        mailbox: 'l.keller',
        primary: true,
      },
      { firstName: 'Marco', lastName: 'Rossi', title: 'Procurement', mailbox: 'm.rossi' },
    ],
  },
  {
    name: 'Fabrikam Manufacturing',
    domain: 'fabrikam.example',
    industry: 'Manufacturing',
    size: CompanySize.COMPANY_SIZE_501_1000,
    status: customer,
    tags: ['support-plan'],
    city: 'Stuttgart',
    country: 'DE',
    phone: '+49 711 555 0199',
    contacts: [
      {
        firstName: 'Jonas',
        lastName: 'Weber',
        title: 'Plant Manager',
        mailbox: 'jonas.weber',
        primary: true,
      },
    ],
  },
  {
    name: 'Tailspin Toys',
    domain: 'tailspintoys.example',
    industry: 'Retail',
    size: CompanySize.COMPANY_SIZE_51_200,
    status: prospect,
    tags: ['inbound'],
    city: 'Manchester',
    country: 'GB',
    phone: '+44 161 555 0142',
    contacts: [
      {
        firstName: 'Olivia',
        lastName: 'Hughes',
        title: 'Marketing Director',
        mailbox: 'olivia',
        primary: true,
      },
    ],
  },
  {
    name: 'Wide World Importers',
    domain: 'wideworldimporters.example',
    industry: 'Logistics',
    size: CompanySize.COMPANY_SIZE_201_500,
    status: customer,
    tags: ['retainer'],
    city: 'Rotterdam',
    country: 'NL',
    phone: '+31 10 555 0177',
    contacts: [
      {
        firstName: 'Sanne',
        lastName: 'de Vries',
        title: 'CFO',
        mailbox: 'sanne.devries',
        primary: true,
      },
      { firstName: 'Pieter', lastName: 'Jansen', title: 'Operations Lead', mailbox: 'p.jansen' },
    ],
  },
  {
    name: 'Adventure Works Cycles',
    domain: 'adventure-works.example',
    industry: 'Manufacturing',
    size: CompanySize.COMPANY_SIZE_51_200,
    status: prospect,
    tags: ['referral'],
    city: 'Bothell',
    country: 'US',
    phone: '+1 425 555 0111',
    contacts: [
      { firstName: 'Rob', lastName: 'Walters', title: 'Founder', mailbox: 'rob', primary: true },
    ],
  },
  {
    name: 'Woodgrove Bank',
    domain: 'woodgrovebank.example',
    industry: 'Financial services',
    size: CompanySize.COMPANY_SIZE_5001_PLUS,
    status: customer,
    tags: ['key-account', 'regulated'],
    city: 'London',
    country: 'GB',
    phone: '+44 20 5550 0123',
    contacts: [
      {
        firstName: 'Priya',
        lastName: 'Shah',
        title: 'Head of Change',
        mailbox: 'priya.shah',
        primary: true,
      },
      { firstName: 'Tom', lastName: 'Baker', title: 'Security Officer', mailbox: 'tom.baker' },
    ],
  },
  {
    name: 'Litware Software',
    domain: 'litware.example',
    industry: 'Software',
    size: CompanySize.COMPANY_SIZE_11_50,
    status: formerCustomer,
    tags: [],
    city: 'Austin',
    country: 'US',
    phone: '+1 512 555 0166',
    contacts: [
      { firstName: 'Grace', lastName: 'Lee', title: 'CTO', mailbox: 'grace', primary: true },
    ],
  },
  {
    name: 'Proseware Health',
    domain: 'proseware.example',
    industry: 'Healthcare',
    size: CompanySize.COMPANY_SIZE_201_500,
    status: customer,
    tags: ['regulated', 'support-plan'],
    city: 'Lyon',
    country: 'FR',
    phone: '+33 4 55 50 01 88',
    contacts: [
      {
        firstName: 'Camille',
        lastName: 'Martin',
        title: 'Directrice SI',
        mailbox: 'c.martin',
        primary: true,
      },
    ],
  },
  {
    name: 'City of Lakeside',
    domain: 'lakeside.example',
    industry: 'Public sector',
    size: CompanySize.COMPANY_SIZE_1001_5000,
    status: prospect,
    tags: ['tender'],
    city: 'Lakeside',
    country: 'US',
    phone: '+1 555 555 0105',
    contacts: [
      {
        firstName: 'Dana',
        lastName: 'Brooks',
        title: 'Digital Services',
        mailbox: 'dana.brooks',
        primary: true,
      },
    ],
  },
  {
    name: 'Blue Yonder Airlines',
    domain: 'blueyonderairlines.example',
    industry: 'Aviation',
    size: CompanySize.COMPANY_SIZE_5001_PLUS,
    status: customer,
    tags: ['key-account'],
    city: 'Dublin',
    country: 'IE',
    phone: '+353 1 555 0190',
    contacts: [
      {
        firstName: 'Aoife',
        lastName: 'Byrne',
        title: 'Head of Loyalty',
        mailbox: 'aoife.byrne',
        primary: true,
      },
      { firstName: 'Liam', lastName: 'Walsh', title: 'Engineering Manager', mailbox: 'liam.walsh' },
    ],
  },
  {
    name: 'Coho Winery',
    domain: 'cohowinery.example',
    industry: 'Food and beverage',
    size: CompanySize.COMPANY_SIZE_11_50,
    status: prospect,
    tags: [],
    city: 'Napa',
    country: 'US',
    phone: '+1 707 555 0134',
    contacts: [
      { firstName: 'Maria', lastName: 'Lopez', title: 'Owner', mailbox: 'maria', primary: true },
    ],
  },
];

/**
 * Makes sure the demo organisation is there: each demo account (by domain) and contact (by email)
 * missing is created, so a restart with `--demo` never duplicates one and an interrupted load
 * completes next time.
 */
export async function loadDemoData(
  accountsAddress: string,
  callerKey: string,
  logger: Logger,
): Promise<{ accounts: number; contacts: number }> {
  const accountsClient = createGrpcClient(AccountsServiceClient, accountsAddress, { callerKey });
  const contactsClient = createGrpcClient(ContactsServiceClient, accountsAddress, { callerKey });
  const caller: Caller = { kind: 'service', service: 'demo-loader' };
  try {
    const created = { accounts: 0, contacts: 0 };
    for (const demo of demoAccounts) {
      const { accounts: existing } = await callUnary(
        accountsClient,
        accountsClient.findDuplicateAccounts,
        FindDuplicateAccountsRequest.fromPartial({ domain: demo.domain }),
        { caller },
      );
      let accountId = existing[0]?.id;
      if (!accountId) {
        const { account } = await callUnary(
          accountsClient,
          accountsClient.createAccount,
          CreateAccountRequest.fromPartial({
            name: demo.name,
            domain: demo.domain,
            industry: demo.industry,
            size: demo.size,
            status: demo.status,
            tags: demo.tags,
            phone: demo.phone,
            website: `https://www.${demo.domain}`,
            address: {
              street: '',
              city: demo.city,
              region: '',
              postalCode: '',
              country: demo.country,
            },
          }),
          { caller },
        );
        accountId = account?.id;
        created.accounts += 1;
      }
      for (const contact of demo.contacts) {
        const email = `${contact.mailbox}@${demo.domain}`;
        const { contacts: known } = await callUnary(
          contactsClient,
          contactsClient.findDuplicateContacts,
          FindDuplicateContactsRequest.fromPartial({ emails: [email] }),
          { caller },
        );
        if (known.length > 0) continue;
        await callUnary(
          contactsClient,
          contactsClient.createContact,
          CreateContactRequest.fromPartial({
            accountId,
            firstName: contact.firstName,
            lastName: contact.lastName,
            title: contact.title,
            email,
            primary: contact.primary ?? false,
          }),
          { caller },
        );
        created.contacts += 1;
      }
    }
    logger.info({ created, accounts: demoAccounts.length }, 'demo data ready');
    return created;
  } finally {
    accountsClient.close();
    contactsClient.close();
  }
}
