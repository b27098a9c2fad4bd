// Fails when src/gen differs from what `buf generate` produces now, so stale code cannot land.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const protoRoot = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'crm-proto-'));

function listFiles(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

try {
  const template = readFileSync(join(protoRoot, 'buf.gen.yaml'), 'utf8')
    .replace('out: src/gen', `out: ${join(scratch, 'gen')}`)
    .replace('local: ../node_modules', `local: ${join(protoRoot, '..', 'node_modules')}`);
  cpSync(join(protoRoot, 'buf.yaml'), join(scratch, 'buf.yaml'));
  execFileSync('buf', ['generate', protoRoot, '--template', template], {
    cwd: protoRoot,
    stdio: 'inherit',
  });
  const committed = join(protoRoot, 'src', 'gen');
  const fresh = join(scratch, 'gen');
  const names = new Set(
    [...listFiles(committed), ...listFiles(fresh)].map((file) =>
      relative(file.startsWith(fresh) ? fresh : committed, file),
    ),
  );
  const stale = [...names].filter((name) => {
    try {
      return (
        readFileSync(join(committed, name), 'utf8') !== readFileSync(join(fresh, name), 'utf8')
      );
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    console.error(
      `Generated code is stale; run \`npm run proto:generate\` and commit:\n  ${stale.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log('proto: generated code is up to date');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
