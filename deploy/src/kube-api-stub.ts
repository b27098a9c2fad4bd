import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Secret } from './manifests.js';

/** A stand-in Kubernetes API server for `helm template --dry-run=server`. */
export interface KubeApiStub {
  /** Request paths served so far (query strings dropped), in order. */
  readonly requests: readonly string[];
  /** A kubeconfig (JSON, which kubeconfig files may be) pointing at the stub, with `namespace` as the current namespace. */
  kubeconfig(namespace: string): string;
  close(): Promise<void>;
}

export class KubeApiStubError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeApiStubError';
  }
}

/** Core v1 discovery, listing only what the stub serves: helm's `lookup` resolves kinds with it. */
const coreV1Resources = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'v1',
  resources: [
    { name: 'secrets', singularName: 'secret', namespaced: true, kind: 'Secret', verbs: ['get'] },
  ],
};

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Just enough of the Kubernetes API for helm's `lookup` of Secrets: core v1 discovery and GET of
 * the given Secrets (each needs its namespace); anything else answers 404 NotFound, as the API
 * does for an object that does not exist. Listens on a free loopback port.
 */
export async function startKubeApiStub(secrets: readonly Secret[]): Promise<KubeApiStub> {
  const byPath = new Map<string, Secret>();
  for (const secret of secrets) {
    const { name, namespace } = secret.metadata;
    if (!namespace) throw new KubeApiStubError(`Secret ${name} needs a namespace`);
    byPath.set(`/api/v1/namespaces/${namespace}/secrets/${name}`, secret);
  }
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://stub').pathname;
    requests.push(path);
    const secret = byPath.get(path);
    if (path === '/api/v1') send(res, 200, coreV1Resources);
    else if (secret && req.method === 'GET') send(res, 200, secret);
    else {
      send(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound' });
    }
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => {
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${String(port)}`;
  return {
    requests,
    kubeconfig: (namespace) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'stub', cluster: { server: url } }],
        users: [{ name: 'stub', user: {} }],
        contexts: [{ name: 'stub', context: { cluster: 'stub', user: 'stub', namespace } }],
        'current-context': 'stub',
      }),
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) rejectClose(error);
          else resolveClose();
        });
      }),
  };
}
