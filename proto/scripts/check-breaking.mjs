// Runs `buf breaking` against main once main has protos; the contract only grows.
import { execFileSync } from 'node:child_process';

const gitRoot = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();

function hasProtosOnMain(ref) {
  try {
    const files = execFileSync(
      'git',
      ['-C', gitRoot, 'ls-tree', '-r', '--name-only', ref, '--', 'proto/crm'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    return files.includes('.proto');
  } catch {
    return false;
  }
}

const ref = ['origin/main', 'main'].find(hasProtosOnMain);
if (!ref) {
  console.log('proto: no protos on main yet; breaking-change check skipped');
  process.exit(0);
}
const branch = ref.replace(/^origin\//, '');
execFileSync('buf', ['breaking', '--against', `${gitRoot}/.git#branch=${branch},subdir=proto`], {
  stdio: 'inherit',
});
console.log(`proto: no breaking change against ${ref}`);
