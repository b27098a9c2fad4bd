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
