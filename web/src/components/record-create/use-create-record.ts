import { useForm, type FormValidateInput, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { z } from 'zod';
import { duplicatesIn } from '../../api/problems.js';
import type { SubjectType } from '../../api/subjects.js';
import { splitServerErrors } from '../../lib/form-errors.js';
import { RECORD_NOUNS } from '../../lib/record-nouns.js';

/** How long typing pauses before a duplicate look-up runs. */
export const DUPLICATE_CHECK_DEBOUNCE_MS = 400;

/** The part of a record type's create mutation the form uses. */
export interface CreateRecordMutation<I, T> {
  readonly mutateAsync: (input: I) => Promise<T>;
  readonly reset: () => void;
  readonly isPending: boolean;
}

export interface CreateRecordOptions<
  V extends object,
  I extends { readonly allowDuplicate?: boolean },
  T,
> {
  readonly type: SubjectType;
  readonly initialValues: V;
  readonly validate: FormValidateInput<V>;
  /** Whether a change reaches what the server matches duplicates on: its refusal is then moot. */
  readonly matchChanged: (values: V, previous: V) => boolean;
  readonly toInput: (values: V) => I;
  readonly mutation: CreateRecordMutation<I, T>;
  /** Reads the duplicates out of a refusal. */
  readonly schema: z.ZodType<T>;
  /** The form paths whose server errors go next to their field; others go above the form. */
  readonly fields: ReadonlySet<string>;
  /** The new record's name, in the message that it was created. */
  readonly displayName: (record: T) => string;
  readonly onCreated?: (record: T) => void;
  readonly onClose: () => void;
}

export interface CreateRecordForm<V, T> {
  readonly type: SubjectType;
  readonly displayName: (record: T) => string;
  readonly form: UseFormReturnType<V>;
  /** What cannot go next to a field. */
  readonly formError: string | null;
  /** The records the server named when it refused the new one as a duplicate. */
  readonly refusedAs: readonly T[] | null;
  readonly creating: boolean;
  readonly submit: ReturnType<UseFormReturnType<V>['onSubmit']>;
  /** Creates the record although the server found it a duplicate. */
  readonly createAnyway: () => void;
  /** Forgets what was typed and closes. */
  readonly close: () => void;
}

/**
 * A new account's or contact's form: validated here, then by the server, whose field errors go
 * next to their fields and whose duplicate refusal can be overridden.
 */
export function useCreateRecord<
  V extends object,
  I extends { readonly allowDuplicate?: boolean },
  T,
>({
  type,
  initialValues,
  validate,
  matchChanged,
  toInput,
  mutation,
  schema,
  fields,
  displayName,
  onCreated,
  onClose,
}: CreateRecordOptions<V, I, T>): CreateRecordForm<V, T> {
  const [formError, setFormError] = useState<string | null>(null);
  const [refusedAs, setRefusedAs] = useState<readonly T[] | null>(null);
  const form = useForm<V, V>({
    mode: 'controlled',
    initialValues,
    validate,
    onValuesChange: (values, previous) => {
      if (matchChanged(values, previous)) setRefusedAs(null);
    },
  });

  const close = () => {
    form.reset();
    setFormError(null);
    setRefusedAs(null);
    mutation.reset();
    onClose();
  };

  const create = async (values: V, allowDuplicate: boolean) => {
    setFormError(null);
    try {
      const input = toInput(values);
      const record = await mutation.mutateAsync(
        allowDuplicate ? { ...input, allowDuplicate } : input,
      );
      notifications.show({
        color: 'green',
        title: `${RECORD_NOUNS[type].One} created`,
        message: displayName(record),
      });
      onCreated?.(record);
      close();
    } catch (error) {
      const duplicates = duplicatesIn(error, schema);
      if (duplicates) {
        setRefusedAs(duplicates);
        return;
      }
      const { fieldErrors, formError: message } = splitServerErrors(error, fields);
      form.setErrors(fieldErrors);
      setFormError(message);
    }
  };

  return {
    type,
    displayName,
    form,
    formError,
    refusedAs,
    creating: mutation.isPending,
    submit: form.onSubmit((values) => create(values, false)),
    createAnyway: () => {
      if (!form.validate().hasErrors) void create(form.getValues(), true);
    },
    close,
  };
}
