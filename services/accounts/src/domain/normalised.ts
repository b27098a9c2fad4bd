import { DomainError, type FieldError } from '@crm/errors';

/** A normalised value, or why the input cannot be one (a message for the field at fault). */
export type Normalised<T> = { ok: true; value: T } | { ok: false; message: string };

export function valid<T>(value: T): Normalised<T> {
  return { ok: true, value };
}

export function invalid<T>(message: string): Normalised<T> {
  return { ok: false, message };
}

/** Collects the faults of every field, so one answer explains all of them. */
export class FieldErrors {
  private readonly errors: FieldError[] = [];

  /** The normalised value, or `fallback` after noting the fault at `path`. */
  take<T>(path: string, result: Normalised<T>, fallback: T): T {
    if (result.ok) return result.value;
    this.errors.push({ path, message: result.message });
    return fallback;
  }

  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  /** Throws a `validation_failed` DomainError naming every fault noted so far. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw DomainError.validation(this.errors);
  }
}

/** How much of a value a message repeats: enough to recognise it, never all of a huge one. */
const EXCERPT_MAX_LENGTH = 60;

/** The start of what someone gave, for a message about it; a longer value ends in "…". */
export function excerpt(value: string): string {
  // By code points, so an emoji is never cut in half; a code point takes at most two code units,
  // so this start holds more than the excerpt exactly when the whole value does.
  const characters = Array.from(value.slice(0, 2 * EXCERPT_MAX_LENGTH + 1));
  if (characters.length <= EXCERPT_MAX_LENGTH) return value;
  return `${characters.slice(0, EXCERPT_MAX_LENGTH).join('')}…`;
}

/** `excerpt` in quotes, anything invisible escaped as JSON escapes it. */
export function quoted(value: string): string {
  return JSON.stringify(excerpt(value));
}
