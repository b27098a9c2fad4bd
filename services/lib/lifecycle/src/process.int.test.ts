import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const lifecycle = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const logging = fileURLToPath(new URL('../../logging/dist/index.js', import.meta.url));

/** A process that installs stopOnSignals with the given stop body and says when it is ready. */
function spawnWithStop(stopBody: string, graceMs = 30_000) {
  const script = `
    const { stopOnSignals } = await import(${JSON.stringify(lifecycle)});
    const { createLogger } = await import(${JSON.stringify(logging)});
    const logger = createLogger({ service: 'probe', level: 'silent' });
    stopOnSignals(logger, async () => { ${stopBody} }, { graceMs: ${graceMs} });
    setInterval(() => {}, 1000);
    process.stdout.write('ready\\n');
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => chunk.includes('ready') && resolve()),
  );
  return { child, ready };
}

describe('stopOnSignals', () => {
  it('runs the stop and exits 0 on SIGTERM', async () => {
    const { child, ready } = spawnWithStop("process.stdout.write('stopped\\\\n');");
    await ready;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output).toContain('stopped');
  });

  it('exits 1 at once on a second signal while a stop hangs', async () => {
    const { child, ready } = spawnWithStop(
      "process.stdout.write('stopping\\n'); await new Promise(() => {});",
    );
    await ready;
    const stopping = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => chunk.includes('stopping') && resolve()),
    );
    child.kill('SIGINT');
    await stopping;
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
  });

  it('exits 1 when the stop outlasts its grace period', async () => {
    const { child, ready } = spawnWithStop('await new Promise(() => {});', 200);
    await ready;
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
  });
});
