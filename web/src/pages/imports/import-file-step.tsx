import { Alert, Button, Group, Input, Radio, Stack, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import { usePreviewImport } from '../../api/import-queries.js';
import { IMPORT_ENTITIES, type ImportEntity, type ImportPreview } from '../../api/imports.js';
import { ENTITY_LABELS } from './import-fields.js';

export interface ImportFileStepProps {
  readonly entity: ImportEntity;
  readonly file: File | null;
  readonly onEntityChange: (entity: ImportEntity) => void;
  readonly onFileChange: (file: File | null) => void;
  readonly onPreviewed: (preview: ImportPreview) => void;
}

function looksLikeCsv(file: File): boolean {
  return /\.csv$/i.test(file.name) || file.type === 'text/csv';
}

function isEntity(value: string): value is ImportEntity {
  return IMPORT_ENTITIES.some((entity) => entity === value);
}

/** Step 1: what to import, from which CSV file; the server reads its head for the next step. */
export function ImportFileStep({
  entity,
  file,
  onEntityChange,
  onFileChange,
  onPreviewed,
}: ImportFileStepProps) {
  const fileInputId = useId();
  const preview = usePreviewImport();
  const [fileError, setFileError] = useState<string | null>(null);

  const submit = async () => {
    if (file === null) {
      setFileError('Choose a CSV file');
      return;
    }
    if (!looksLikeCsv(file)) {
      setFileError('Choose a .csv file (export it from your spreadsheet as CSV, UTF-8)');
      return;
    }
    setFileError(null);
    try {
      onPreviewed(await preview.mutateAsync({ entity, file }));
    } catch {
      // The mutation's error is shown below.
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
      <Stack gap="md" maw={560}>
        <Radio.Group
          label="What do you import?"
          value={entity}
          onChange={(value) => {
            if (isEntity(value)) onEntityChange(value);
          }}
        >
          <Group mt="xs">
            {IMPORT_ENTITIES.map((value) => (
              <Radio key={value} value={value} label={ENTITY_LABELS[value]} />
            ))}
          </Group>
        </Radio.Group>
        <Input.Wrapper
          label="CSV file"
          id={fileInputId}
          description="The first row names the columns. An export from this CRM imports as it is."
          error={fileError}
        >
          {/* A native input: it is what browsers, and browser tests, hand files to. */}
          <input
            id={fileInputId}
            type="file"
            accept=".csv,text/csv"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={`${fileInputId}-description${fileError ? ` ${fileInputId}-error` : ''}`}
            onChange={(event) => {
              setFileError(null);
              preview.reset();
              onFileChange(event.currentTarget.files?.[0] ?? null);
            }}
            style={{ display: 'block', marginTop: 6 }}
          />
        </Input.Wrapper>
        {file && (
          <Text size="sm" c="dimmed">
            {file.name}
          </Text>
        )}
        {preview.isError && (
          <Alert color="red" role="alert" title="Could not read the file">
            {errorMessage(preview.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={preview.isPending}>
            Preview
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
