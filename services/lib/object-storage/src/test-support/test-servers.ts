import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  stop(): Promise<void>;
}

/** Azurite's well-known development account; it exists only inside the emulator. */
export const azuriteAccount = {
  name: 'devstoreaccount1',
  key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
};

/** s3rver's built-in credentials. */
export const s3rverCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * Runs `script` under this Node.js and resolves once it prints the address it listens on; the
 * servers pick a free port themselves (port 0).
 */
async function startNodeServer(
  script: string,
  args: string[],
  listening: RegExp,
  nodeOptions: string[] = [],
): Promise<TestServer> {
  const timeoutMs = 30_000;
  const child = spawn(process.execPath, [...nodeOptions, script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${script} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = listening.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });
  return { url, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

/** The s3rver S3 emulator, keeping its objects in `directory`. */
export function startS3rver(directory: string): Promise<TestServer> {
  return startNodeServer(
    require.resolve('s3rver/bin/s3rver.js'),
    ['--directory', directory, '--address', '127.0.0.1', '--port', '0', '--silent'],
    /S3rver listening on ([\d.]+:\d+)/,
    // s3rver encrypts list continuation tokens with DES, which OpenSSL 3 only has as legacy.
    ['--openssl-legacy-provider'],
  ).then((server) => ({ ...server, url: `http://${server.url}` }));
}

/** The Azurite blob emulator, keeping its data in `directory`. */
export function startAzurite(directory: string): Promise<TestServer> {
  return startNodeServer(
    require.resolve('azurite/dist/src/blob/main.js'),
    [
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--location',
      directory,
      '--silent',
      '--skipApiVersionCheck',
      '--disableTelemetry',
    ],
    /successfully listens on (http:\/\/[\d.]+:\d+)/,
  );
}

export function azuriteConnectionString(url: string): string {
  return [
    'DefaultEndpointsProtocol=http',
    `AccountName=${azuriteAccount.name}`,
    `AccountKey=${azuriteAccount.key}`,
    `BlobEndpoint=${url}/${azuriteAccount.name}`,
  ].join(';');
}
