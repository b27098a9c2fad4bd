import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Workspace packages export a `source` condition pointing at their TypeScript, so tests run
 * against the code under edit without rebuilding dependencies first.
 */
const workspaceRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * Every package writes a JSON report next to the others, so `npm test` can print one total line
 * for the whole workspace.
 */
export function reportersFor(packageDir: string): ViteUserConfig['test'] {
  const name = relative(workspaceRoot, packageDir).replaceAll(sep, '-') || 'root';
  return {
    reporters: [
      'default',
      ['json', { outputFile: join(workspaceRoot, 'test-results', `${name}.json`) }],
    ],
  };
}

const base = defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    restoreMocks: true,
  },
});

/** Starts PostgreSQL and NATS once per run for suites that talk to real infrastructure. */
export const integrationGlobalSetup = fileURLToPath(
  new URL('./services/lib/testing/src/global-setup.ts', import.meta.url),
);

export function defineTestConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  return mergeConfig(mergeConfig(base, { test: reportersFor(process.cwd()) }), overrides);
}
