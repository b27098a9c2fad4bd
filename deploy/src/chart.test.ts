import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHelm, HelmCommandError, runHelm } from './helm.js';
import {
  ofKind,
  parseManifests,
  type Container,
  type Deployment,
  type Job,
  type Manifest,
  type Probe,
} from './manifests.js';

const deployDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chartDir = resolve(deployDir, '../charts/crm');
const RELEASE = 'crm';

let helm = '';
let workDir = '';

beforeAll(async () => {
  // Fails every test with install instructions when helm is missing: CI installs it.
  helm = await findHelm();
  workDir = await mkdtemp(join(tmpdir(), 'crm-chart-'));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Writes a values file (JSON is valid YAML) into the test's temp dir. */
async function valuesFile(name: string, values: unknown): Promise<string> {
  const path = join(workDir, `${name}.yaml`);
  await writeFile(path, JSON.stringify(values));
  return path;
}

async function render(...valueFiles: string[]): Promise<Manifest[]> {
  const args = ['template', RELEASE, chartDir, '--namespace', 'crm'];
  for (const file of valueFiles) args.push('--values', file);
  return parseManifests(await runHelm(helm, args));
}

function names(manifests: readonly Manifest[]): string[] {
  return manifests.map((m) => m.metadata.name).sort();
}

function byName<T extends Manifest>(manifests: readonly T[], name: string): T {
  const found = manifests.find((m) => m.metadata.name === name);
  if (!found) throw new Error(`${name} not rendered; got ${names(manifests).join(', ')}`);
  return found;
}

function mainContainer(workload: Deployment | Job): Container {
  const [container] = workload.spec.template.spec.containers;
  if (!container) throw new Error(`${workload.metadata.name} has no container`);
  return container;
}

function containerPort(container: Container, name: string): number | undefined {
  return container.ports?.find((p) => p.name === name)?.containerPort;
}

const base64 = (text: string): string => Buffer.from(text).toString('base64');

describe('helm lint', () => {
  it.each([[[]], [['--values', 'ci/values-full.yaml']], [['--values', 'tilt/values.yaml']]])(
    'passes --strict with %j',
    async (extraArgs: string[]) => {
      const args = [
        'lint',
        '--strict',
        chartDir,
        ...extraArgs.map((a) => (a.endsWith('.yaml') ? join(deployDir, a) : a)),
      ];
      expect(await runHelm(helm, args)).toContain('0 chart(s) failed');
    },
  );
});

describe('default values', () => {
  let manifests: Manifest[] = [];

  beforeAll(async () => {
    manifests = await render();
  });

  it('renders one Deployment and one Service per enabled service, selecting the same pods', () => {
    const deployments = ofKind(manifests, 'Deployment');
    const services = ofKind(manifests, 'Service');
    expect(names(deployments)).toEqual(['crm-accounts', 'crm-gateway']);
    expect(names(services)).toEqual(['crm-accounts', 'crm-gateway']);
    for (const deployment of deployments) {
      const service = byName(services, deployment.metadata.name);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      for (const port of service.spec.ports) {
        expect(containerPort(mainContainer(deployment), port.name)).toBe(port.port);
      }
    }
  });

  it('probes the accounts service with native gRPC health checks on its gRPC port', () => {
    const accounts = mainContainer(byName(ofKind(manifests, 'Deployment'), 'crm-accounts'));
    const grpcPort = containerPort(accounts, 'grpc');
    expect(grpcPort).toBe(50051);
    const probes: (Probe | undefined)[] = [
      accounts.startupProbe,
      accounts.livenessProbe,
      accounts.readinessProbe,
    ];
    for (const probe of probes) {
      expect(probe?.grpc).toEqual({ port: grpcPort });
      expect(probe?.httpGet).toBeUndefined();
    }
  });

  it('probes the gateway over HTTP: /healthz for liveness, /readyz for readiness', () => {
    const gateway = mainContainer(byName(ofKind(manifests, 'Deployment'), 'crm-gateway'));
    expect(gateway.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(gateway.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(containerPort(gateway, 'http')).toBe(8080);
  });

  it('runs accounts migrations as a pre-install,pre-upgrade hook Job and nothing for the gateway', () => {
    const jobs = ofKind(manifests, 'Job');
    expect(names(jobs)).toEqual(['crm-accounts-migrate']);
    const job = byName(jobs, 'crm-accounts-migrate');
    const hooks = (job.metadata.annotations?.['helm.sh/hook'] ?? '').split(',');
    expect(hooks).toEqual(expect.arrayContaining(['pre-install', 'pre-upgrade']));
    expect(mainContainer(job).command).toEqual(['node', 'services/accounts/dist/migrate.js']);
  });

  it('keeps migrate pods out of the Services and PodDisruptionBudgets of the running service', () => {
    const jobLabels = byName(ofKind(manifests, 'Job'), 'crm-accounts-migrate').spec.template
      .metadata.labels;
    const selects = (selector: Record<string, string>): boolean =>
      Object.entries(selector).every(([key, value]) => jobLabels[key] === value);
    for (const service of ofKind(manifests, 'Service')) {
      expect(selects(service.spec.selector), service.metadata.name).toBe(false);
    }
    for (const deployment of ofKind(manifests, 'Deployment')) {
      expect(selects(deployment.spec.selector.matchLabels), deployment.metadata.name).toBe(false);
    }
  });

  it('starts each service from the shared image by command', () => {
    for (const deployment of ofKind(manifests, 'Deployment')) {
      const container = mainContainer(deployment);
      const service = deployment.metadata.name.replace(`${RELEASE}-`, '');
      expect(container.image).toBe('ghcr.io/crm/crm:0.1.0');
      expect(container.command?.at(-1)).toBe(`services/${service}/dist/main.js`);
    }
  });

  it('gives every service its ports and upstream addresses through its ConfigMap', () => {
    const configMaps = ofKind(manifests, 'ConfigMap');
    expect(byName(configMaps, 'crm-gateway').data).toMatchObject({
      PORT: '8080',
      METRICS_PORT: '9464',
      ACCOUNTS_GRPC_URL: 'crm-accounts:50051',
    });
    expect(byName(configMaps, 'crm-accounts').data).toMatchObject({
      GRPC_PORT: '50051',
      DATABASE_SCHEMA: 'accounts',
      MIGRATE_ON_START: 'false',
    });
    for (const deployment of ofKind(manifests, 'Deployment')) {
      expect(mainContainer(deployment).envFrom).toContainEqual({
        configMapRef: { name: deployment.metadata.name },
      });
    }
  });

  it('runs every pod as non-root with a read-only root filesystem', () => {
    const workloads: (Deployment | Job)[] = [
      ...ofKind(manifests, 'Deployment'),
      ...ofKind(manifests, 'Job'),
    ];
    for (const workload of workloads) {
      expect(workload.spec.template.spec.securityContext?.runAsNonRoot).toBe(true);
      expect(mainContainer(workload).securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
    }
  });
});

describe('connection secrets', () => {
  const dbUrl = 'postgres://crm:db-Sentinel-9f2c@postgres.db:5432/crm';
  const natsUrl = 'nats://user:nats-Sentinel-41aa@nats:4222';

  it('never lets a connection value reach a ConfigMap or a plain env value', async () => {
    const manifests = await render(
      await valuesFile('secret-values', {
        connections: {
          database: { env: { DATABASE_URL: dbUrl } },
          nats: { env: { NATS_URL: natsUrl } },
        },
      }),
    );
    for (const secretValue of [dbUrl, natsUrl]) {
      for (const manifest of manifests.filter((m) => m.kind !== 'Secret')) {
        const text = JSON.stringify(manifest);
        expect(text, `${manifest.kind} ${manifest.metadata.name}`).not.toContain(secretValue);
        expect(text, `${manifest.kind} ${manifest.metadata.name}`).not.toContain(
          base64(secretValue),
        );
      }
    }
    const secret = byName(ofKind(manifests, 'Secret'), 'crm-connections');
    expect(secret.data).toEqual({ DATABASE_URL: base64(dbUrl), NATS_URL: base64(natsUrl) });

    const accounts = mainContainer(byName(ofKind(manifests, 'Deployment'), 'crm-accounts'));
    expect(accounts.env).toEqual([
      {
        name: 'DATABASE_URL',
        valueFrom: { secretKeyRef: { name: 'crm-connections', key: 'DATABASE_URL' } },
      },
      {
        name: 'NATS_URL',
        valueFrom: { secretKeyRef: { name: 'crm-connections', key: 'NATS_URL' } },
      },
    ]);
    // The hook Job runs before the release's Secret exists, so it reads a hook copy of it.
    const hookSecret = byName(ofKind(manifests, 'Secret'), 'crm-migrate-connections');
    expect(hookSecret.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(hookSecret.data).toEqual(secret.data);
    const migrate = mainContainer(byName(ofKind(manifests, 'Job'), 'crm-accounts-migrate'));
    expect(migrate.env).toContainEqual({
      name: 'DATABASE_URL',
      valueFrom: { secretKeyRef: { name: 'crm-migrate-connections', key: 'DATABASE_URL' } },
    });
  });

  it('reads connections from an existing Secret, under mapped key names, without copying them', async () => {
    const manifests = await render(
      await valuesFile('existing-secret', {
        connections: {
          database: { existingSecret: 'pg-app', existingSecretKeys: { DATABASE_URL: 'uri' } },
          nats: { existingSecret: 'nats-auth' },
        },
      }),
    );
    expect(ofKind(manifests, 'Secret')).toEqual([]);
    for (const name of ['crm-accounts']) {
      const workloads: (Deployment | Job)[] = [
        byName(ofKind(manifests, 'Deployment'), name),
        byName(ofKind(manifests, 'Job'), `${name}-migrate`),
      ];
      for (const workload of workloads) {
        expect(mainContainer(workload).env).toEqual(
          expect.arrayContaining([
            { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'pg-app', key: 'uri' } } },
            {
              name: 'NATS_URL',
              valueFrom: { secretKeyRef: { name: 'nats-auth', key: 'NATS_URL' } },
            },
          ]),
        );
      }
    }
  });
});

describe('an extra service added through values only', () => {
  let manifests: Manifest[] = [];

  beforeAll(async () => {
    manifests = await render(
      await valuesFile('extra-service', {
        services: {
          deals: {
            replicas: 0,
            ports: { grpc: 50052 },
            connections: ['database', 'nats'],
            env: { DATABASE_SCHEMA: 'deals' },
            migrations: { enabled: true },
          },
          reporting: { enabled: false, ports: { grpc: 50053 } },
          gateway: { upstreams: { DEALS_GRPC_URL: 'deals' } },
        },
      }),
    );
  });

  it('gets its own Deployment, Service and migrate hook Job; a disabled one gets nothing', () => {
    expect(names(ofKind(manifests, 'Deployment'))).toEqual([
      'crm-accounts',
      'crm-deals',
      'crm-gateway',
    ]);
    expect(names(ofKind(manifests, 'Service'))).toEqual([
      'crm-accounts',
      'crm-deals',
      'crm-gateway',
    ]);
    expect(names(ofKind(manifests, 'ConfigMap'))).toEqual([
      'crm-accounts',
      'crm-deals',
      'crm-gateway',
    ]);
    expect(names(ofKind(manifests, 'Job'))).toEqual(['crm-accounts-migrate', 'crm-deals-migrate']);
    expect(manifests.some((m) => m.metadata.name.includes('reporting'))).toBe(false);
  });

  it('inherits the defaults: command, gRPC probes, security, while its own values win (even 0)', () => {
    const deals = byName(ofKind(manifests, 'Deployment'), 'crm-deals');
    const container = mainContainer(deals);
    expect(deals.spec.replicas).toBe(0);
    expect(container.command).toEqual([
      'node',
      '--enable-source-maps',
      'services/deals/dist/main.js',
    ]);
    expect(container.readinessProbe?.grpc).toEqual({ port: 50052 });
    expect(container.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(mainContainer(byName(ofKind(manifests, 'Job'), 'crm-deals-migrate')).command).toEqual([
      'node',
      'services/deals/dist/migrate.js',
    ]);
  });

  it('is wired into the gateway as an upstream', () => {
    expect(byName(ofKind(manifests, 'ConfigMap'), 'crm-gateway').data).toMatchObject({
      ACCOUNTS_GRPC_URL: 'crm-accounts:50051',
      DEALS_GRPC_URL: 'crm-deals:50052',
    });
  });
});

describe('production values (ci/values-full.yaml)', () => {
  let manifests: Manifest[] = [];

  beforeAll(async () => {
    manifests = await render(join(deployDir, 'ci/values-full.yaml'));
  });

  it('autoscales the gateway, leaving its replica count to the HPA', () => {
    const hpas = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');
    expect(names(hpas)).toEqual(['crm-gateway']);
    expect(byName(ofKind(manifests, 'Deployment'), 'crm-gateway').spec.replicas).toBeUndefined();
    expect(byName(ofKind(manifests, 'Deployment'), 'crm-accounts').spec.replicas).toBe(3);
  });

  it('adds PodDisruptionBudgets, ServiceMonitors and the gateway Ingress', () => {
    expect(names(manifests.filter((m) => m.kind === 'PodDisruptionBudget'))).toEqual([
      'crm-accounts',
      'crm-gateway',
    ]);
    expect(names(manifests.filter((m) => m.kind === 'ServiceMonitor'))).toEqual([
      'crm-accounts',
      'crm-gateway',
    ]);
    const ingress = byName(
      manifests.filter((m) => m.kind === 'Ingress'),
      'crm',
    );
    expect(JSON.stringify(ingress)).toContain(
      '"service":{"name":"crm-gateway","port":{"name":"http"}}',
    );
  });
});

describe('values.schema.json', () => {
  it.each([
    [
      'a negative replica count',
      { services: { accounts: { replicas: -1 } } },
      /replicas.*minimum/s,
    ],
    [
      'a secret-looking variable in a ConfigMap-bound env',
      { commonEnv: { DB_PASSWORD: 'x' } },
      /DB_PASSWORD/,
    ],
    ['a misspelt service setting', { services: { accounts: { replica: 3 } } }, /replica/],
    ['an unknown probe type', { serviceDefaults: { probe: { type: 'tcp' } } }, /probe\/type/],
    ['a port out of range', { services: { gateway: { ports: { http: 70000 } } } }, /ports\/http/],
  ])('rejects %s', async (_label: string, values: unknown, message: RegExp) => {
    const file = await valuesFile(`bad-${_label.replaceAll(' ', '-')}`, values);
    const rendering = render(file);
    await expect(rendering).rejects.toBeInstanceOf(HelmCommandError);
    await expect(rendering).rejects.toThrow(/values don't meet the specifications of the schema/);
    await expect(rendering).rejects.toThrow(message);
  });
});
