import { ApiError, errorMessage } from '../api/api-error.js';

export interface ServerFormErrors {
  /** Messages for the fields the form shows, keyed by form path. */
  readonly fieldErrors: Record<string, string>;
  /** What cannot go next to a field (`/`, an unknown field, no field errors at all), or null. */
  readonly formError: string | null;
}

/**
 * Splits a failed submission's error between the form's fields and a message above the form, so
 * that no part of it is silently dropped.
 */
export function splitServerErrors(error: unknown, fields: ReadonlySet<string>): ServerFormErrors {
  if (!(error instanceof ApiError)) return { fieldErrors: {}, formError: errorMessage(error) };
  const all = Object.entries(error.fieldErrorMap());
  const fieldErrors = Object.fromEntries(all.filter(([path]) => fields.has(path)));
  const elsewhere = all.filter(([path]) => !fields.has(path));
  if (elsewhere.length > 0) {
    return { fieldErrors, formError: elsewhere.map(([, message]) => message).join(' ') };
  }
  return {
    fieldErrors,
    formError: Object.keys(fieldErrors).length === 0 ? errorMessage(error) : null,
  };
}
