import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { reportersFor } from '../vitest.shared.js';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    testTimeout: 30_000,
    ...reportersFor(process.cwd()),
  },
});
