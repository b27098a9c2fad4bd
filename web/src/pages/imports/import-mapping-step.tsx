import { Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import { useStartImport } from '../../api/import-queries.js';
import type { ImportEntity, ImportJob, ImportPreview } from '../../api/imports.js';
import { fieldOptions, toMapping, validateMapping } from './import-fields.js';

export interface ImportMappingStepProps {
  readonly entity: ImportEntity;
  readonly file: File;
  readonly preview: ImportPreview;
  /** One choice per column: a field or IGNORE. */
  readonly choices: readonly string[];
  readonly onChoicesChange: (choices: string[]) => void;
  readonly onBack: () => void;
  readonly onDryRunStarted: (job: ImportJob) => void;
}

/** The first values of a column, for recognising what it holds. */
function samplesOf(preview: ImportPreview, index: number): string {
  return preview.sampleRows
    .map((row) => row[index] ?? '')
    .filter((value) => value.trim() !== '')
    .slice(0, 3)
    .join(' · ');
}

/** Step 2: which field each column fills, starting from the server's suggestion. */
export function ImportMappingStep({
  entity,
  file,
  preview,
  choices,
  onChoicesChange,
  onBack,
  onDryRunStarted,
}: ImportMappingStepProps) {
  const start = useStartImport();
  const [problem, setProblem] = useState<string | null>(null);
  const options = fieldOptions(entity);

  const dryRun = async () => {
    const mapping = toMapping(preview.columns, choices);
    const invalid = validateMapping(entity, mapping);
    setProblem(invalid);
    if (invalid) return;
    try {
      onDryRunStarted(await start.mutateAsync({ entity, file, mapping, dryRun: true }));
    } catch {
      // Shown from the mutation's error below.
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        Choose the field each column fills. Columns left on “Ignore” are not imported. Rows match
        existing {entity} by {entity === 'accounts' ? 'domain' : 'email address'}: those are
        updated, not added again.
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Column mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column</Table.Th>
              <Table.Th>Sample values</Table.Th>
              <Table.Th w={280}>Field</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.columns.map((column, index) => (
              <Table.Tr key={`${column}-${index}`}>
                <Table.Td fw={500}>{column}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed" lineClamp={2}>
                    {samplesOf(preview, index) || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`Field for column ${column}`}
                    data={options}
                    value={choices[index] ?? null}
                    allowDeselect={false}
                    onChange={(value) => {
                      if (value === null) return;
                      const next = [...choices];
                      next[index] = value;
                      onChoicesChange(next);
                      setProblem(null);
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {problem && (
        <Alert color="red" role="alert" title="Check the mapping">
          {problem}
        </Alert>
      )}
      {start.isError && (
        <Alert color="red" role="alert" title="Could not start the dry run">
          {errorMessage(start.error)}
        </Alert>
      )}
      <Group>
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
        <Button loading={start.isPending} onClick={() => void dryRun()}>
          Dry run
        </Button>
      </Group>
    </Stack>
  );
}
