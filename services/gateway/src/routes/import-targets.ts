import type { CsvTarget } from '@crm/csv';
import type { ImportEntityName } from './import-schemas.js';

/*
 * The fields an import fills, by their JSON names (so an export's header maps itself), with the
 * header spellings other tools use. The accounts service resolves mappings against the same list
 * (services/accounts/src/imports/import-mapping.ts); the imports test checks that a preview's
 * suggestion is the mapping the service then runs with.
 */
const accountTargets: readonly CsvTarget[] = [
  {
    field: 'name',
    aliases: ['account', 'account name', 'company', 'company name', 'organization', 'organisation'],
  },
  { field: 'domain', aliases: ['domain name'] },
  { field: 'industry', aliases: ['sector'] },
  { field: 'size', aliases: ['company size', 'employees', 'headcount'] },
  { field: 'status', aliases: ['account status'] },
  { field: 'tags', aliases: ['labels', 'tag'] },
  { field: 'phone', aliases: ['telephone', 'phone number'] },
  { field: 'website', aliases: ['url', 'web', 'homepage', 'web site'] },
  { field: 'street', aliases: ['address', 'street address'] },
  { field: 'city', aliases: ['town'] },
  { field: 'region', aliases: ['state', 'province', 'county'] },
  { field: 'postalCode', aliases: ['zip', 'zip code', 'postcode'] },
  { field: 'country', aliases: ['country code'] },
  { field: 'ownerId', aliases: ['owner id'] },
  { field: 'notes', aliases: ['note', 'description'] },
];

const contactTargets: readonly CsvTarget[] = [
  { field: 'firstName', aliases: ['first name', 'given name', 'forename'] },
  { field: 'lastName', aliases: ['last name', 'surname', 'family name'] },
  { field: 'email', aliases: ['e-mail', 'email address', 'mail'] },
  { field: 'otherEmails', aliases: ['other emails', 'additional emails'] },
  { field: 'phone', aliases: ['telephone', 'phone number', 'mobile'] },
  { field: 'otherPhones', aliases: ['other phones', 'additional phones'] },
  { field: 'title', aliases: ['job title', 'position'] },
  {
    field: 'account',
    aliases: ['account name', 'company', 'company name', 'organization', 'organisation'],
  },
  { field: 'accountId', aliases: ['account id'] },
  { field: 'ownerId', aliases: ['owner id'] },
  { field: 'primary', aliases: ['primary contact', 'main contact'] },
];

export function importTargets(entity: ImportEntityName): readonly CsvTarget[] {
  return entity === 'accounts' ? accountTargets : contactTargets;
}
