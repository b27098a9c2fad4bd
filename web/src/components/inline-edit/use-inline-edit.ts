import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error.js';

export interface InlineEditOptions<T> {
  readonly value: T;
  readonly validate?: (draft: T) => string | null;
  readonly equals?: (a: T, b: T) => boolean;
  /** Saves `draft`; a rejection's reason is shown under the field, which stays open. */
  readonly onSave: (draft: T) => Promise<void>;
  /**
   * The request field (`phone`, `address`) whose server field errors belong to this editor;
   * other failures show their general message.
   */
  readonly fieldPath: string;
}

export interface InlineEdit<T> {
  readonly editing: boolean;
  readonly draft: T;
  readonly error: string | null;
  readonly saving: boolean;
  readonly setDraft: (draft: T) => void;
  readonly start: () => void;
  readonly cancel: () => void;
  /** Saves `next` (the draft by default) unless it is unchanged or invalid. */
  readonly commit: (next?: T) => Promise<void>;
}

/** The server's message for `fieldPath` (or a part of it), else the error's own message. */
export function saveErrorMessage(error: unknown, fieldPath: string): string {
  if (error instanceof ApiError) {
    const match = Object.entries(error.fieldErrorMap()).find(
      ([path]) => path === fieldPath || path.startsWith(`${fieldPath}.`),
    );
    if (match) return match[1];
  }
  return errorMessage(error);
}

/** Click to edit, Enter or blur to save, Escape to cancel: the state of one inline field. */
export function useInlineEdit<T>({
  value,
  validate,
  equals = Object.is,
  onSave,
  fieldPath,
}: InlineEditOptions<T>): InlineEdit<T> {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Refs, not state: Enter and the blur that follows it arrive before a re-render.
  const editingRef = useRef(false);
  const savingRef = useRef(false);

  const finish = () => {
    editingRef.current = false;
    setEditing(false);
    setError(null);
  };

  const commit = async (next: T = draft) => {
    if (!editingRef.current || savingRef.current) return;
    if (equals(next, value)) {
      finish();
      return;
    }
    const invalid = validate?.(next) ?? null;
    if (invalid !== null) {
      setError(invalid);
      return;
    }
    savingRef.current = true;
    setSaving(true);
    setError(null);
    try {
      await onSave(next);
      finish();
    } catch (failure) {
      setError(saveErrorMessage(failure, fieldPath));
    } finally {
      savingRef.current = false;
      setSaving(false);
    }
  };

  return {
    editing,
    draft,
    error,
    saving,
    setDraft,
    start: () => {
      setDraft(value);
      setError(null);
      editingRef.current = true;
      setEditing(true);
    },
    cancel: () => {
      if (!savingRef.current) finish();
    },
    commit,
  };
}
