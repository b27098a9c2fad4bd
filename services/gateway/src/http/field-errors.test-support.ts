import { DomainError } from '@crm/errors';

/** The paths of the field errors `action` throws; it must throw a DomainError. */
export function fieldErrorPaths(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors.map((e) => e.path);
    throw error;
  }
  throw new Error('expected a validation error');
}
