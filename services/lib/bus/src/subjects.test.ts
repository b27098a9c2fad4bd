import { describe, expect, it } from 'vitest';
import { subjectMatches, subjectsOverlap } from './subjects.js';

describe('subjectMatches', () => {
  it.each([
    ['crm.deals.>', 'crm.deals.v1.deal.created', true],
    ['crm.deals.>', 'crm.deals', false],
    ['crm.*.v1', 'crm.deals.v1', true],
    ['crm.*.v1', 'crm.deals.v2', false],
    ['crm.*', 'crm.deals.v1', false],
    ['crm.v1.tasks.for-employee', 'crm.v1.tasks.for-employee', true],
    ['>', 'anything.at.all', true],
  ])('%s matches %s: %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });
});

describe('subjectsOverlap', () => {
  it.each([
    ['productivity.v1.>', 'productivity.v1.time-entry.upserted', true],
    ['crm.v1.>', 'crm.deals.>', false],
    ['a.*.c', 'a.b.*', true],
    ['a.*', 'a.b.c', false],
    ['a.b', 'a.b.>', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(subjectsOverlap(a, b)).toBe(expected);
    expect(subjectsOverlap(b, a)).toBe(expected);
  });
});
