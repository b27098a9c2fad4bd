import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBenchmarkSection } from './benchmark-report.js';

describe('writeBenchmarkSection', () => {
  it('creates the file, then replaces only its own section', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-'));
    try {
      const file = join(dir, 'benchmarks.md');
      await writeBenchmarkSection(file, 'csv', '## CSV\n\n1×');
      await writeBenchmarkSection(file, 'outbox', '## Outbox\n\n2×');
      await writeBenchmarkSection(file, 'csv', '## CSV\n\n3×');
      const text = await readFile(file, 'utf8');
      expect(text).toContain('# Benchmarks');
      expect(text).toContain('3×');
      expect(text).not.toContain('1×');
      expect(text.indexOf('## CSV')).toBeLessThan(text.indexOf('## Outbox'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
