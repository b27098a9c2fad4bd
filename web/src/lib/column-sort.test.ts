import { describe, expect, it } from 'vitest';
import { nextSort, sortDirection } from './column-sort.js';

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
    expect(nextSort('-createdAt', 'createdAt', 'descending')).toBe('createdAt');
    expect(nextSort('createdAt', 'createdAt', 'descending')).toBe('-createdAt');
    expect(nextSort('name', 'name', 'ascending')).toBe('-name');
    expect(nextSort('-name', 'name', 'ascending')).toBe('name');
  });

  it("starts another column in that column's first direction", () => {
    expect(nextSort('-createdAt', 'name', 'ascending')).toBe('name');
    expect(nextSort('-name', 'createdAt', 'descending')).toBe('-createdAt');
    expect(nextSort('name', 'updatedAt', 'descending')).toBe('-updatedAt');
  });

  it('leaves relevance order for the first direction of the clicked column', () => {
    expect(nextSort('relevance', 'lastName', 'ascending')).toBe('lastName');
    expect(nextSort('relevance', 'createdAt', 'descending')).toBe('-createdAt');
  });
});
