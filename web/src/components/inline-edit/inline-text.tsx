import { Text, Textarea, TextInput } from '@mantine/core';
import type { KeyboardEvent, ReactNode } from 'react';
import { EmptyValue } from '../empty-value.js';
import { InlineField } from './inline-field.js';
import { useInlineEdit } from './use-inline-edit.js';

export interface InlineTextProps {
  readonly label: string;
  /** The request field this edits, for its server errors. */
  readonly fieldPath: string;
  readonly value: string | null;
  readonly editable: boolean;
  /** Checks the trimmed text; '' means the field is being cleared. */
  readonly validate?: (text: string) => string | null;
  /** Receives the trimmed text. */
  readonly onSave: (text: string) => Promise<void>;
  /** How a non-empty value reads (a link, a formatted number); the text itself by default. */
  readonly display?: (value: string) => ReactNode;
  readonly multiline?: boolean;
  readonly maxLength?: number;
  readonly placeholder?: string;
}

/**
 * A text field edited in place. Enter (Ctrl+Enter when multi-line) or leaving the field saves,
 * Escape cancels.
 */
export function InlineText({
  label,
  fieldPath,
  value,
  editable,
  validate,
  onSave,
  display,
  multiline = false,
  maxLength,
  placeholder,
}: InlineTextProps) {
  const edit = useInlineEdit<string>({
    value: value ?? '',
    fieldPath,
    validate: validate && ((draft) => validate(draft.trim())),
    equals: (a, b) => a.trim() === b.trim(),
    onSave: (draft) => onSave(draft.trim()),
  });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      edit.cancel();
    } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void edit.commit();
    }
  };

  const common = {
    'aria-label': label,
    value: edit.draft,
    onChange: (event: { currentTarget: { value: string } }) =>
      edit.setDraft(event.currentTarget.value),
    onBlur: () => void edit.commit(),
    onKeyDown,
    error: edit.error,
    'aria-invalid': edit.error ? true : undefined,
    disabled: edit.saving,
    maxLength,
    placeholder,
    autoFocus: true,
  };

  return (
    <InlineField
      label={label}
      editable={editable}
      editing={edit.editing}
      onEdit={edit.start}
      display={
        value ? (
          display ? (
            display(value)
          ) : (
            <Text size="sm" style={{ whiteSpace: multiline ? 'pre-wrap' : undefined }}>
              {value}
            </Text>
          )
        ) : (
          <EmptyValue />
        )
      }
    >
      {multiline ? (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxRows={12}
          description="Ctrl+Enter or leaving the field saves; Escape cancels"
        />
      ) : (
        <TextInput {...common} />
      )}
    </InlineField>
  );
}
