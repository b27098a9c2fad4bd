import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { saveErrorMessage } from '../inline-edit/use-inline-edit.js';
import { useAddNote } from '../../api/timeline-queries.js';
import { NOTE_MAX_LENGTH } from '../../api/timeline.js';
import type { Subject } from '../../api/subjects.js';
import { validateText } from '../../lib/field-rules.js';

/** Writes a note on the timeline; Ctrl+Enter adds it too. */
export function AddNoteForm({ subject }: { readonly subject: Subject }) {
  const addNote = useAddNote(subject);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const invalid =
      text.trim() === '' ? 'Write something first' : validateText('A note', text, NOTE_MAX_LENGTH);
    if (invalid) {
      setError(invalid);
      return;
    }
    setError(null);
    try {
      await addNote.mutateAsync(text.trim());
      setText('');
    } catch (failure) {
      setError(saveErrorMessage(failure, 'body'));
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Stack gap="xs">
        <Textarea
          label="Note"
          placeholder="Write a note…"
          autosize
          minRows={2}
          maxRows={10}
          maxLength={NOTE_MAX_LENGTH}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
            }
          }}
          error={error}
          aria-invalid={error ? true : undefined}
        />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={addNote.isPending}>
            Add note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
