import { Switch } from '@mantine/core';
import { useState } from 'react';
import { saveErrorMessage } from './use-inline-edit.js';

export interface InlineSwitchProps {
  readonly label: string;
  readonly fieldPath: string;
  readonly value: boolean;
  readonly editable: boolean;
  readonly onSave: (value: boolean) => Promise<void>;
}

/** A yes/no field: toggling it saves at once. */
export function InlineSwitch({ label, fieldPath, value, editable, onSave }: InlineSwitchProps) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = async (next: boolean) => {
    setSaving(true);
    setError(null);
    try {
      await onSave(next);
    } catch (failure) {
      setError(saveErrorMessage(failure, fieldPath));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Switch
      label={label}
      checked={value}
      disabled={!editable || saving}
      error={error}
      onChange={(event) => void toggle(event.currentTarget.checked)}
    />
  );
}
