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

  it('leaves every column unsorted in relevance order', () => {
    expect(sortDirection('relevance', 'name')).toBeUndefined();
    expect(sortDirection('relevance', 'createdAt')).toBeUndefined();
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

  it('leaves relevance order for the first direction of the clicked column', () => {
    expect(nextSort('relevance', 'name')).toBe('name');
    expect(nextSort('relevance', 'createdAt')).toBe('-createdAt');
  });
});
