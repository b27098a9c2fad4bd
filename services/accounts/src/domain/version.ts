import { DomainError } from '@crm/errors';

function parseVersion(raw: string, path: string): number {
  const version = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(version))
    throw DomainError.validation([{ path, message: 'must be the version last read' }]);
  return version;
}

/** The version a write expects (int64 arrives as text); 0 means "whatever is current": undefined. */
export function parseExpectedVersion(raw: string, path = '/version'): number | undefined {
  const version = parseVersion(raw, path);
  return version === 0 ? undefined : version;
}

/** Updates must say which version they change: the one the caller last read. */
export function parseRequiredVersion(raw: string, path = '/version'): number {
  const version = parseVersion(raw, path);
  if (version === 0) throw DomainError.validation([{ path, message: 'is required' }]);
  return version;
}
