import { describe, expect, it } from 'vitest';
import { nextSort, sortDirection } from './account-sort.js';

describe('sortDirection', () => {
  it('reads the direction of the sorted column only', () => {
    expect(sortDirection('-createdAt', 'createdAt')).toBe('descending');
    expect(sortDirection('createdAt', 'createdAt')).toBe('ascending');
    expect(sortDirection('-createdAt', 'name')).toBeUndefined();
    expect(sortDirection('name', 'name')).toBe('ascending');
    expect(sortDirection('-name', 'name')).toBe('descending');
  });
});

describe('nextSort', () => {
  it('toggles the direction of the sorted column', () => {
    expect(nextSort('-createdAt', 'createdAt')).toBe('createdAt');
    expect(nextSort('createdAt', 'createdAt')).toBe('-createdAt');
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
  });

  it('starts another column in its first direction: names A→Z, newest first', () => {
    expect(nextSort('-createdAt', 'name')).toBe('name');
    expect(nextSort('-name', 'createdAt')).toBe('-createdAt');
    expect(nextSort('name', 'createdAt')).toBe('-createdAt');
  });
});
