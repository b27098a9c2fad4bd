import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export class HelmNotFoundError extends Error {
  constructor(readonly searched: readonly string[]) {
    super(
      `helm was not found (looked at: ${searched.join(', ')}). ` +
        'Install it with `go install helm.sh/helm/v3/cmd/helm@latest` or point HELM_BIN at it.',
    );
    this.name = 'HelmNotFoundError';
  }
}

export class HelmCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`helm ${args.join(' ')} failed (exit ${String(exitCode)}): ${stderr.trim()}`);
    this.name = 'HelmCommandError';
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The helm binary to use: HELM_BIN when set (and nothing else, so a wrong value is not masked),
 * otherwise the first `helm` on PATH, otherwise ~/go/bin/helm where `go install` puts it.
 */
export async function findHelm(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const explicit = env['HELM_BIN'];
  const candidates = explicit
    ? [explicit]
    : [
        ...(env['PATH'] ?? '')
          .split(delimiter)
          .filter((dir) => dir !== '')
          .map((dir) => join(dir, 'helm')),
        join(env['HOME'] ?? homedir(), 'go', 'bin', 'helm'),
      ];
  for (const candidate of candidates) {
    if (await isExecutable(candidate)) return candidate;
  }
  throw new HelmNotFoundError(candidates);
}

function hasExecFields(error: unknown): error is Error & { code?: unknown; stderr?: unknown } {
  return error instanceof Error;
}

/** Runs helm and returns its stdout; a non-zero exit becomes a HelmCommandError with stderr. */
export async function runHelm(helmBin: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(helmBin, [...args], {
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, HELM_NO_PLUGINS: '1' },
    });
    return stdout;
  } catch (error) {
    if (!hasExecFields(error)) throw error;
    const exitCode = typeof error.code === 'number' ? error.code : null;
    const stderr = typeof error.stderr === 'string' ? error.stderr : error.message;
    throw new HelmCommandError(args, exitCode, stderr);
  }
}
