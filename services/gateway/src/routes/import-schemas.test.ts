import { describe, expect, it } from 'vitest';
import { ImportStatus, type ImportJob } from '@crm/proto/crm/accounts/v1/imports';
import { SubjectType } from '@crm/proto/crm/accounts/v1/timeline';
import { parseFormFields } from '../http/multipart-form.js';
import { importFormFieldsSchema, toImportJobResponse } from './import-schemas.js';
import { fieldErrorPaths } from '../http/field-errors.test-support.js';

describe('import forms', () => {
  it('reads the entity, a JSON mapping and the dry-run flag from text fields', () => {
    expect(
      parseFormFields(importFormFieldsSchema, {
        entity: 'contacts',
        mapping: JSON.stringify([{ column: 'E-mail', field: 'email' }]),
        dryRun: 'true',
      }),
    ).toEqual({
      entity: 'contacts',
      mapping: [{ column: 'E-mail', field: 'email' }],
      dryRun: true,
    });
    expect(parseFormFields(importFormFieldsSchema, { entity: 'accounts' })).toEqual({
      entity: 'accounts',
    });
  });

  it('names each field at fault', () => {
    expect(fieldErrorPaths(() => parseFormFields(importFormFieldsSchema, {}))).toEqual(['/entity']);
    expect(
      fieldErrorPaths(() =>
        parseFormFields(importFormFieldsSchema, { entity: 'deals', mapping: '{', colour: 'red' }),
      ),
    ).toEqual(expect.arrayContaining(['/entity', '/mapping', '/colour']));
    expect(
      fieldErrorPaths(() =>
        parseFormFields(importFormFieldsSchema, { entity: 'accounts', mapping: '[{"column":1}]' }),
      ),
    ).toEqual(expect.arrayContaining(['/mapping/0/column']));
  });
});

describe('import job JSON', () => {
  it('mirrors the proto job with lower-case names, numbers and nulls', () => {
    const job: ImportJob = {
      id: 'j1',
      entity: SubjectType.SUBJECT_TYPE_CONTACT,
      status: ImportStatus.IMPORT_STATUS_COMPLETED,
      dryRun: false,
      fileName: 'people.csv',
      mapping: [{ column: 'Email', field: 'email' }],
      totalRows: '3',
      processedRows: '3',
      createdCount: '1',
      updatedCount: '1',
      errorCount: '1',
      unchangedCount: '0',
      createdBy: 'u1',
      createdAt: '2026-01-02T03:04:05.000Z',
      finishedAt: undefined,
      failure: '',
      undoSkippedCount: '0',
      errors: [{ row: '2', field: '', message: 'A row needs a name or an email.' }],
    };
    expect(toImportJobResponse(job)).toMatchObject({
      entity: 'contacts',
      status: 'completed',
      totalRows: 3,
      errorCount: 1,
      finishedAt: null,
      failure: null,
      errors: [{ row: 2, field: null, message: 'A row needs a name or an email.' }],
    });
  });
});
