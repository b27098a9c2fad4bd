import { Anchor, Stack, Stepper, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  IMPORT_ENTITIES,
  type ImportEntity,
  type ImportJob,
  type ImportPreview,
} from '../../api/imports.js';
import { ImportDryRunStep } from './import-dry-run-step.js';
import { initialChoices, toMapping } from './import-fields.js';
import { ImportFileStep } from './import-file-step.js';
import { ImportMappingStep } from './import-mapping-step.js';
import { ImportRunStep } from './import-run-step.js';

const STEPS = ['File', 'Mapping', 'Dry run', 'Import'] as const;

/** Where the wizard is; each later state carries what the earlier steps settled. */
type WizardState =
  | { readonly step: 0 }
  | { readonly step: 1; readonly preview: ImportPreview }
  | { readonly step: 2; readonly preview: ImportPreview; readonly dryRun: ImportJob }
  | { readonly step: 3; readonly job: ImportJob };

function entityFrom(value: string | null): ImportEntity {
  return IMPORT_ENTITIES.find((entity) => entity === value) ?? 'accounts';
}

/** CSV import in four steps: file, column mapping, dry run, import with progress. */
export function ImportWizardPage() {
  const [params] = useSearchParams();
  const [entity, setEntity] = useState<ImportEntity>(() => entityFrom(params.get('entity')));
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<string[]>([]);
  const [state, setState] = useState<WizardState>({ step: 0 });

  let content;
  switch (state.step) {
    case 0:
      content = (
        <ImportFileStep
          entity={entity}
          file={file}
          onEntityChange={setEntity}
          onFileChange={setFile}
          onPreviewed={(preview) => {
            setChoices(initialChoices(entity, preview.columns, preview.suggestedMapping));
            setState({ step: 1, preview });
          }}
        />
      );
      break;
    case 1:
      content = file && (
        <ImportMappingStep
          entity={entity}
          file={file}
          preview={state.preview}
          choices={choices}
          onChoicesChange={setChoices}
          onBack={() => setState({ step: 0 })}
          onDryRunStarted={(dryRun) => setState({ step: 2, preview: state.preview, dryRun })}
        />
      );
      break;
    case 2:
      content = file && (
        <ImportDryRunStep
          entity={entity}
          file={file}
          mapping={toMapping(state.preview.columns, choices)}
          started={state.dryRun}
          onBack={() => setState({ step: 1, preview: state.preview })}
          onImportStarted={(job) => setState({ step: 3, job })}
        />
      );
      break;
    case 3:
      content = <ImportRunStep started={state.job} />;
      break;
  }

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/imports" size="sm">
        <IconArrowLeft size={14} aria-hidden /> Imports
      </Anchor>
      <Title order={2}>Import from CSV</Title>
      <Stepper active={state.step} size="sm" allowNextStepsSelect={false}>
        {STEPS.map((label) => (
          <Stepper.Step key={label} label={label} />
        ))}
      </Stepper>
      {content}
    </Stack>
  );
}
