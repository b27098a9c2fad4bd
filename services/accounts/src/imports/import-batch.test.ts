import { describe, expect, it } from 'vitest';
import { DomainError } from '@crm/errors';
import { BatchPlan, eachRow } from './import-batch.js';
import type { RowErrorInput } from './import-job-repository.js';
import { idMark, RepeatGuard } from './import-log.js';

describe('eachRow', () => {
  it("keeps the rows whose step succeeds and notes the others' validation errors", () => {
    const errors: RowErrorInput[] = [];
    const doubled = eachRow([{ row: 1 }, { row: 2 }, { row: 3 }], errors, ({ row }) => {
      if (row === 2) throw DomainError.validation([{ path: '/name', message: 'is required' }]);
      return row * 2;
    });
    expect(doubled).toEqual([2, 6]);
    expect(errors).toEqual([{ row: 2, field: 'name', message: 'is required' }]);
  });

  it('lets any other failure through: it is not the row’s fault', () => {
    expect(() =>
      eachRow([{ row: 1 }], [], () => {
        throw new Error('database gone');
      }),
    ).toThrow('database gone');
  });
});

describe('BatchPlan', () => {
  it('sorts writes into created and updated, and remembers which row named a record', () => {
    const plan = new BatchPlan<{ name: string }>(new RepeatGuard(new Map([[idMark('b'), 1]])));
    const write = (id: string, row: number) => ({
      id,
      row,
      version: 1,
      fields: { name: id },
      changes: [],
    });
    expect(plan.earlierRow([idMark('b')])).toBe(1);
    expect(plan.earlierRow(['email:a@example.com'])).toBeUndefined();

    plan.add(write('a', 4), 'created', ['email:a@example.com']);
    plan.add(write('c', 5), 'updated', [idMark('c')]);

    expect(plan.earlierRow(['email:a@example.com'])).toBe(4);
    expect(plan.created.map((w) => w.id)).toEqual(['a']);
    expect(plan.updated.map((w) => w.id)).toEqual(['c']);
    expect(plan.marks).toEqual([
      { mark: 'email:a@example.com', row: 4 },
      { mark: idMark('c'), row: 5 },
    ]);
  });
});
