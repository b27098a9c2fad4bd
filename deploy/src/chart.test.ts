import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeValues, parseValues, resolveServices, type ServiceSettings } from './chart-values.js';
import { parseDockerfile, type DockerStage } from './dockerfile.js';
import { findHelm, HelmCommandError, runHelm } from './helm.js';
import {
  ofKind,
  parseManifests,
  type Container,
  type Deployment,
  type EnvVar,
  type Job,
  type Manifest,
  type NetworkPolicy,
  type Probe,
  type Secret,
  type Service,
} from './manifests.js';
import { startKubeApiStub } from './kube-api-stub.js';
import { ingressAllowed, type SourcePod } from './network-policy.js';

const deployDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(deployDir, '..');
const chartDir = resolve(repoDir, 'charts/crm');
const RELEASE = 'crm';
const NAMESPACE = 'crm';

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
  return renderWith([], valueFiles);
}

async function renderWith(extraArgs: readonly string[], valueFiles: readonly string[]) {
  const args = ['template', RELEASE, chartDir, '--namespace', NAMESPACE, ...extraArgs];
  for (const file of valueFiles) args.push('--values', file);
  return parseManifests(await runHelm(helm, args));
}

let kubeconfigs = 0;

/**
 * Renders as an upgrade of a release whose cluster holds `secrets`: `lookup` (which `helm
 * template` alone answers with nothing) reads them from a stand-in Kubernetes API.
 */
async function renderInCluster(
  secrets: readonly Secret[],
  ...valueFiles: string[]
): Promise<{ manifests: Manifest[]; requests: readonly string[] }> {
  const api = await startKubeApiStub(secrets);
  try {
    kubeconfigs += 1;
    const kubeconfig = join(workDir, `kubeconfig-${String(kubeconfigs)}.json`);
    await writeFile(kubeconfig, api.kubeconfig(NAMESPACE));
    const manifests = await renderWith(
      ['--dry-run=server', '--kubeconfig', kubeconfig],
      valueFiles,
    );
    return { manifests, requests: [...api.requests] };
  } finally {
    await api.close();
  }
}

/**
 * The enabled services of the chart's values with these files laid over them, as `render` does:
 * the expectations below follow the values rather than repeat the list of services.
 */
async function enabledServices(...valueFiles: string[]): Promise<ServiceSettings[]> {
  let values = parseValues(await readFile(join(chartDir, 'values.yaml'), 'utf8'));
  for (const file of valueFiles) {
    values = mergeValues(values, parseValues(await readFile(file, 'utf8')));
  }
  return resolveServices(values).filter((svc) => svc.enabled);
}

/** The chart rendered with these values files, and the enabled services it was rendered for. */
async function renderServices(
  ...valueFiles: string[]
): Promise<{ manifests: Manifest[]; settings: ServiceSettings[] }> {
  return { manifests: await render(...valueFiles), settings: await enabledServices(...valueFiles) };
}

/** The resource name of a service (or of a component such as `<service>-migrate`). */
const component = (name: string): string => `${RELEASE}-${name}`;

/** Sorted resource names of these services' components, e.g. suffix `-headless`. */
function componentNames(services: readonly ServiceSettings[], suffix = ''): string[] {
  return services.map((svc) => component(`${svc.name}${suffix}`)).sort();
}

const hasGrpc = (svc: ServiceSettings): boolean => svc.ports['grpc'] !== undefined;

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
const fromBase64 = (text: string): string => Buffer.from(text, 'base64').toString();

/** A variable read from key `key` (its own name unless given) of Secret `secret`. */
function fromSecret(name: string, secret: string, key = name): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

const isHeadless = (service: Service): boolean => service.spec.clusterIP === 'None';

/** The labels of the pods a Deployment runs. */
function podLabels(manifests: readonly Manifest[], name: string): Record<string, string> {
  return byName(ofKind(manifests, 'Deployment'), name).spec.template.metadata.labels;
}

/** Whether the rendered NetworkPolicies let `source` reach port `portName` of `name`'s pods. */
function reaches(
  manifests: readonly Manifest[],
  source: SourcePod,
  name: string,
  portName: string,
): boolean {
  const port = containerPort(
    mainContainer(byName(ofKind(manifests, 'Deployment'), name)),
    portName,
  );
  if (port === undefined) throw new Error(`${name} has no ${portName} port`);
  return ingressAllowed(
    ofKind(manifests, 'NetworkPolicy'),
    { namespace: NAMESPACE, labels: podLabels(manifests, name), port, portName },
    source,
  );
}

/** A pod of this release's service `name`, as the NetworkPolicies see it. */
function podOf(manifests: readonly Manifest[], name: string): SourcePod {
  return { namespace: NAMESPACE, labels: podLabels(manifests, name) };
}

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
  let settings: ServiceSettings[] = [];

  beforeAll(async () => {
    ({ manifests, settings } = await renderServices());
  });

  it('renders one Deployment and one Service per enabled service, selecting the same pods', () => {
    expect(settings.map((svc) => svc.name)).toEqual(
      expect.arrayContaining(['accounts', 'gateway', 'identity']),
    );
    const deployments = ofKind(manifests, 'Deployment');
    const services = ofKind(manifests, 'Service').filter((service) => !isHeadless(service));
    expect(names(deployments)).toEqual(componentNames(settings));
    expect(names(services)).toEqual(componentNames(settings));
    for (const deployment of deployments) {
      const service = byName(services, deployment.metadata.name);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      for (const port of service.spec.ports) {
        expect(containerPort(mainContainer(deployment), port.name)).toBe(port.port);
      }
    }
  });

  it('probes every gRPC service with native gRPC health checks on its gRPC port', () => {
    const grpcServices = settings.filter(hasGrpc);
    expect(componentNames(grpcServices)).toEqual(
      expect.arrayContaining(['crm-accounts', 'crm-identity']),
    );
    for (const svc of grpcServices) {
      const container = mainContainer(byName(ofKind(manifests, 'Deployment'), component(svc.name)));
      const grpcPort = containerPort(container, 'grpc');
      expect(grpcPort).toBe(50051);
      const probes: (Probe | undefined)[] = [
        container.startupProbe,
        container.livenessProbe,
        container.readinessProbe,
      ];
      for (const probe of probes) {
        expect(probe?.grpc, svc.name).toEqual({ port: grpcPort });
        expect(probe?.httpGet, svc.name).toBeUndefined();
      }
    }
  });

  it('starts the gateway on /readyz, then keeps it in the ingress on /healthz alone', () => {
    const gateway = mainContainer(byName(ofKind(manifests, 'Deployment'), 'crm-gateway'));
    // In only once its dependencies answered; a later outage of one of them must not fail
    // readiness on every gateway pod at once and empty the ingress.
    expect(gateway.startupProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(gateway.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(gateway.readinessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(containerPort(gateway, 'http')).toBe(8080);
  });

  it('runs migrations as pre-install,pre-upgrade hook Jobs for the services that have them only', () => {
    const jobs = ofKind(manifests, 'Job');
    const migrating = settings.filter((svc) => svc.migrations.enabled);
    expect(names(jobs)).toEqual(componentNames(migrating, '-migrate'));
    expect(names(jobs)).toEqual(
      expect.arrayContaining(['crm-accounts-migrate', 'crm-identity-migrate']),
    );
    expect(names(jobs)).not.toContain('crm-gateway-migrate');
    for (const svc of migrating) {
      const job = byName(jobs, component(`${svc.name}-migrate`));
      const hooks = (job.metadata.annotations?.['helm.sh/hook'] ?? '').split(',');
      expect(hooks).toEqual(expect.arrayContaining(['pre-install', 'pre-upgrade']));
      expect(mainContainer(job).command).toEqual(['node', `services/${svc.name}/dist/migrate.js`]);
    }
  });

  it('keeps migrate pods out of the Services and PodDisruptionBudgets of the running services', () => {
    for (const job of ofKind(manifests, 'Job')) {
      const jobLabels = job.spec.template.metadata.labels;
      const selects = (selector: Record<string, string>): boolean =>
        Object.entries(selector).every(([key, value]) => jobLabels[key] === value);
      for (const service of ofKind(manifests, 'Service')) {
        expect(selects(service.spec.selector), service.metadata.name).toBe(false);
      }
      for (const deployment of ofKind(manifests, 'Deployment')) {
        expect(selects(deployment.spec.selector.matchLabels), deployment.metadata.name).toBe(false);
      }
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
      ACCOUNTS_GRPC_URL: 'dns:///crm-accounts-headless.crm.svc.cluster.local:50051',
      IDENTITY_GRPC_URL: 'dns:///crm-identity-headless.crm.svc.cluster.local:50051',
    });
    expect(byName(configMaps, 'crm-accounts').data).toMatchObject({
      GRPC_PORT: '50051',
      DATABASE_SCHEMA: 'accounts',
      MIGRATE_ON_START: 'false',
    });
    expect(byName(configMaps, 'crm-identity').data).toMatchObject({
      GRPC_PORT: '50051',
      DATABASE_SCHEMA: 'identity',
      MIGRATE_ON_START: 'false',
      CRM_ADMIN_EMAIL: 'admin@example.com',
    });
    for (const svc of settings) {
      for (const [variable, target] of Object.entries(svc.upstreams)) {
        const port = settings.find((upstream) => upstream.name === target)?.ports['grpc'];
        expect(byName(configMaps, component(svc.name)).data?.[variable]).toBe(
          `dns:///${component(target)}-headless.${NAMESPACE}.svc.cluster.local:${String(port)}`,
        );
      }
    }
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
  const adminPassword = 'admin-Sentinel-7d03e1';
  const internalKey = 'internal-Sentinel-5be0c4d1a9f27e63';
  const s3Secret = 's3-Sentinel-0c11e2';
  let manifests: Manifest[] = [];
  let settings: ServiceSettings[] = [];

  beforeAll(async () => {
    const file = await valuesFile('secret-values', {
      connections: {
        database: { env: { DATABASE_URL: dbUrl } },
        nats: { env: { NATS_URL: natsUrl } },
        'initial-admin': { env: { CRM_ADMIN_PASSWORD: adminPassword } },
        internal: { env: { CRM_INTERNAL_SECRET: internalKey } },
        'object-storage': {
          env: { S3_BUCKET: 'crm-files', AWS_SECRET_ACCESS_KEY: s3Secret },
        },
      },
    });
    ({ manifests, settings } = await renderServices(file));
  });

  it('never lets a connection value reach a ConfigMap or a plain env value', () => {
    for (const secretValue of [dbUrl, natsUrl, adminPassword, internalKey, s3Secret]) {
      for (const manifest of manifests.filter((m) => m.kind !== 'Secret')) {
        const text = JSON.stringify(manifest);
        expect(text, `${manifest.kind} ${manifest.metadata.name}`).not.toContain(secretValue);
        expect(text, `${manifest.kind} ${manifest.metadata.name}`).not.toContain(
          base64(secretValue),
        );
      }
    }
    const secret = byName(ofKind(manifests, 'Secret'), 'crm-connections');
    expect(secret.data).toEqual({
      AWS_SECRET_ACCESS_KEY: base64(s3Secret),
      CRM_ADMIN_PASSWORD: base64(adminPassword),
      CRM_INTERNAL_SECRET: base64(internalKey),
      DATABASE_URL: base64(dbUrl),
      NATS_URL: base64(natsUrl),
      S3_BUCKET: base64('crm-files'),
    });

    const accounts = mainContainer(byName(ofKind(manifests, 'Deployment'), 'crm-accounts'));
    expect(accounts.env).toEqual([
      fromSecret('DATABASE_URL', 'crm-connections'),
      fromSecret('NATS_URL', 'crm-connections'),
      fromSecret('AWS_SECRET_ACCESS_KEY', 'crm-connections'),
      fromSecret('S3_BUCKET', 'crm-connections'),
      fromSecret('CRM_INTERNAL_SECRET', 'crm-connections'),
    ]);
    // Attachments and import files pass from the gateway to accounts through the shared store.
    const withStorage = ofKind(manifests, 'Deployment').filter((deployment) =>
      mainContainer(deployment).env?.some((v) => v.name === 'S3_BUCKET'),
    );
    expect(names(withStorage)).toEqual(['crm-accounts', 'crm-gateway']);
    // The hook Jobs run before the release's Secret exists, so they read a hook copy of it,
    // holding only what migrations read.
    const hookSecret = byName(ofKind(manifests, 'Secret'), 'crm-migrate-connections');
    expect(hookSecret.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(hookSecret.data).toEqual({ DATABASE_URL: base64(dbUrl) });
    const migrate = mainContainer(byName(ofKind(manifests, 'Job'), 'crm-accounts-migrate'));
    expect(migrate.env).toContainEqual(fromSecret('DATABASE_URL', 'crm-migrate-connections'));
  });

  it("hands the initial admin's password, through the Secret, to identity's pods alone", () => {
    const holders = settings.filter((svc) => svc.connections.includes('initial-admin'));
    expect(holders.map((svc) => svc.name)).toEqual(['identity']);
    const identity = mainContainer(byName(ofKind(manifests, 'Deployment'), 'crm-identity'));
    expect(identity.env).toEqual([
      fromSecret('DATABASE_URL', 'crm-connections'),
      fromSecret('NATS_URL', 'crm-connections'),
      fromSecret('CRM_ADMIN_PASSWORD', 'crm-connections'),
      fromSecret('CRM_INTERNAL_SECRET', 'crm-connections'),
    ]);
    // Its migrations never read it, so neither their Job nor the hook Secret carries it.
    const workloads: (Deployment | Job)[] = [
      ...ofKind(manifests, 'Deployment'),
      ...ofKind(manifests, 'Job'),
    ];
    const receiving = workloads.filter((workload) =>
      mainContainer(workload).env?.some((v) => v.name === 'CRM_ADMIN_PASSWORD'),
    );
    expect(names(receiving)).toEqual(['crm-identity']);
    expect(mainContainer(byName(ofKind(manifests, 'Job'), 'crm-identity-migrate')).env).toEqual(
      expect.arrayContaining([fromSecret('DATABASE_URL', 'crm-migrate-connections')]),
    );
  });

  it('reads connections from existing Secrets, under mapped key names, without copying them', async () => {
    const file = await valuesFile('existing-secret', {
      connections: {
        database: { existingSecret: 'pg-app', existingSecretKeys: { DATABASE_URL: 'uri' } },
        nats: { existingSecret: 'nats-auth' },
        'initial-admin': {
          existingSecret: 'crm-admin',
          existingSecretKeys: { CRM_ADMIN_PASSWORD: 'password' },
        },
        internal: {
          existingSecret: 'crm-internal',
          existingSecretKeys: { CRM_INTERNAL_SECRET: 'key' },
        },
        // Variables set to null are left out, so the Secret need not hold them.
        'object-storage': {
          existingSecret: 'crm-files',
          env: {
            AWS_REGION: null,
            S3_ENDPOINT: null,
            S3_FORCE_PATH_STYLE: null,
            AWS_ACCESS_KEY_ID: null,
            AWS_SECRET_ACCESS_KEY: null,
            AZURE_STORAGE_CONTAINER: null,
          },
        },
      },
    });
    const existing = await render(file);
    expect(ofKind(existing, 'Secret')).toEqual([]);
    const envOf: Record<string, EnvVar[]> = {
      database: [fromSecret('DATABASE_URL', 'pg-app', 'uri')],
      nats: [fromSecret('NATS_URL', 'nats-auth')],
      'initial-admin': [fromSecret('CRM_ADMIN_PASSWORD', 'crm-admin', 'password')],
      internal: [fromSecret('CRM_INTERNAL_SECRET', 'crm-internal', 'key')],
      'object-storage': [
        fromSecret('AZURE_STORAGE_CONNECTION_STRING', 'crm-files'),
        fromSecret('S3_BUCKET', 'crm-files'),
      ],
    };
    const expected = (connections: readonly string[]): EnvVar[] =>
      connections.flatMap((name) => {
        const env = envOf[name];
        if (!env) throw new Error(`no expected variables for connection ${name}`);
        return env;
      });
    const secretEnv = (workload: Deployment | Job): EnvVar[] =>
      (mainContainer(workload).env ?? []).filter((v) => v.valueFrom?.secretKeyRef);
    for (const svc of await enabledServices(file)) {
      const deployment = byName(ofKind(existing, 'Deployment'), component(svc.name));
      expect(secretEnv(deployment), svc.name).toEqual(expected(svc.connections));
      if (!svc.migrations.enabled) continue;
      const job = byName(ofKind(existing, 'Job'), component(`${svc.name}-migrate`));
      expect(secretEnv(job), `${svc.name}-migrate`).toEqual(expected(svc.migrations.connections));
    }
  });
});

describe('the internal caller-signing key (CRM_INTERNAL_SECRET)', () => {
  const secretPath = `/api/v1/namespaces/${NAMESPACE}/secrets/crm-connections`;
  /** The release's connections Secret as an earlier install left it in the cluster. */
  const clusterSecret = (data: Record<string, string>): Secret => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'crm-connections', namespace: NAMESPACE },
    data,
  });

  function keyIn(manifests: readonly Manifest[]): string {
    const data = byName(ofKind(manifests, 'Secret'), 'crm-connections').data ?? {};
    const value = data['CRM_INTERNAL_SECRET'];
    if (value === undefined) throw new Error('crm-connections holds no CRM_INTERNAL_SECRET');
    return fromBase64(value);
  }

  it("reaches every service's pods (one added through values too) by secretKeyRef alone, no Job", async () => {
    const file = await valuesFile('internal-extra-service', {
      connections: { database: { env: { DATABASE_URL: 'postgres://crm@postgres/crm' } } },
      services: { deals: { ports: { grpc: 50052 }, connections: ['database'] } },
    });
    const { manifests, settings } = await renderServices(file);
    expect(componentNames(settings)).toEqual(
      expect.arrayContaining(['crm-accounts', 'crm-deals', 'crm-gateway', 'crm-identity']),
    );
    expect(names(ofKind(manifests, 'Deployment'))).toEqual(componentNames(settings));
    for (const deployment of ofKind(manifests, 'Deployment')) {
      const env = mainContainer(deployment).env ?? [];
      expect(
        env.filter((v) => v.name === 'CRM_INTERNAL_SECRET'),
        deployment.metadata.name,
      ).toEqual([fromSecret('CRM_INTERNAL_SECRET', 'crm-connections')]);
    }
    for (const configMap of ofKind(manifests, 'ConfigMap')) {
      expect(Object.keys(configMap.data ?? {}), configMap.metadata.name).not.toContain(
        'CRM_INTERNAL_SECRET',
      );
    }
    const key = keyIn(manifests);
    for (const manifest of manifests.filter((m) => m.kind !== 'Secret')) {
      expect(JSON.stringify(manifest), manifest.metadata.name).not.toContain(key);
    }
    // Migrations never sign calls: neither their Jobs nor the hook Secret get the key.
    const jobs = ofKind(manifests, 'Job');
    expect(names(jobs)).toEqual(expect.arrayContaining(['crm-accounts-migrate']));
    for (const job of jobs) {
      expect(
        (mainContainer(job).env ?? []).map((v) => v.name),
        job.metadata.name,
      ).not.toContain('CRM_INTERNAL_SECRET');
    }
    const hookSecret = byName(ofKind(manifests, 'Secret'), 'crm-migrate-connections');
    expect(Object.keys(hookSecret.data ?? {})).not.toContain('CRM_INTERNAL_SECRET');
  });

  it('is generated when left empty, one value for the whole render', async () => {
    const manifests = await render();
    expect(keyIn(manifests)).toMatch(/^[A-Za-z0-9]{48}$/);
    // The pods roll when the key changes, and all of them agree on it.
    const checksums = ofKind(manifests, 'Deployment').map(
      (d) => d.spec.template.metadata.annotations?.['checksum/connections'],
    );
    expect(new Set(checksums).size).toBe(1);
    // Without a cluster to read the current key from, each render makes a new one: why
    // `helm template` users must set it.
    expect(keyIn(await render())).not.toBe(keyIn(manifests));
  });

  it("keeps the key already in the release's Secret on upgrade", async () => {
    const kept = 'kept0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH';
    const { manifests, requests } = await renderInCluster([
      clusterSecret({ CRM_INTERNAL_SECRET: base64(kept), DATABASE_URL: base64('postgres://x') }),
    ]);
    expect(requests).toContain(secretPath);
    expect(keyIn(manifests)).toBe(kept);
  });

  it('generates one on upgrade when the Secret has none yet, or there is no Secret', async () => {
    const upgraded = await renderInCluster([
      clusterSecret({ DATABASE_URL: base64('postgres://x') }),
    ]);
    expect(upgraded.requests).toContain(secretPath);
    expect(keyIn(upgraded.manifests)).toMatch(/^[A-Za-z0-9]{48}$/);
    const installed = await renderInCluster([]);
    expect(installed.requests).toContain(secretPath);
    expect(keyIn(installed.manifests)).toMatch(/^[A-Za-z0-9]{48}$/);
  });

  it('takes a given value over the one in the cluster, without looking it up', async () => {
    const given = 'given-0123456789abcdefghijklmnopqrstuvwxyz';
    const { manifests, requests } = await renderInCluster(
      [clusterSecret({ CRM_INTERNAL_SECRET: base64('kept'.repeat(10)) })],
      await valuesFile('internal-given', {
        connections: { internal: { env: { CRM_INTERNAL_SECRET: given } } },
      }),
    );
    expect(requests).not.toContain(secretPath);
    expect(keyIn(manifests)).toBe(given);
  });

  it('is neither generated nor looked up with an existingSecret', async () => {
    const { manifests, requests } = await renderInCluster(
      [],
      await valuesFile('internal-existing', {
        connections: { internal: { existingSecret: 'crm-internal' } },
      }),
    );
    expect(requests).not.toContain(secretPath);
    for (const secret of ofKind(manifests, 'Secret')) {
      expect(Object.keys(secret.data ?? {}), secret.metadata.name).not.toContain(
        'CRM_INTERNAL_SECRET',
      );
    }
    expect(
      mainContainer(byName(ofKind(manifests, 'Deployment'), 'crm-gateway')).env,
    ).toContainEqual(fromSecret('CRM_INTERNAL_SECRET', 'crm-internal'));
  });
});

describe('an extra service added through values only', () => {
  let manifests: Manifest[] = [];
  let settings: ServiceSettings[] = [];

  beforeAll(async () => {
    const file = await valuesFile('extra-service', {
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
    });
    ({ manifests, settings } = await renderServices(file));
  });

  it('gets its own Deployment, Service and migrate hook Job; a disabled one gets nothing', async () => {
    const defaults = await enabledServices();
    expect(componentNames(settings)).toEqual([...componentNames(defaults), 'crm-deals'].sort());
    expect(names(ofKind(manifests, 'Deployment'))).toEqual(componentNames(settings));
    expect(names(ofKind(manifests, 'Service'))).toEqual(
      [
        ...componentNames(settings),
        ...componentNames(settings.filter(hasGrpc), '-headless'),
      ].sort(),
    );
    expect(names(ofKind(manifests, 'ConfigMap'))).toEqual(componentNames(settings));
    expect(names(ofKind(manifests, 'Job'))).toEqual(
      componentNames(
        settings.filter((svc) => svc.migrations.enabled),
        '-migrate',
      ),
    );
    expect(names(ofKind(manifests, 'Job'))).toContain('crm-deals-migrate');
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

  it('is wired into the gateway as an upstream, through its headless Service', () => {
    expect(byName(ofKind(manifests, 'ConfigMap'), 'crm-gateway').data).toMatchObject({
      ACCOUNTS_GRPC_URL: 'dns:///crm-accounts-headless.crm.svc.cluster.local:50051',
      DEALS_GRPC_URL: 'dns:///crm-deals-headless.crm.svc.cluster.local:50052',
    });
  });

  it('admits its gRPC callers only: the gateway, which lists it in upstreams', () => {
    expect(reaches(manifests, podOf(manifests, 'crm-gateway'), 'crm-deals', 'grpc')).toBe(true);
    expect(reaches(manifests, podOf(manifests, 'crm-accounts'), 'crm-deals', 'grpc')).toBe(false);
    expect(reaches(manifests, podOf(manifests, 'crm-deals'), 'crm-accounts', 'grpc')).toBe(false);
  });
});

describe('production values (ci/values-full.yaml)', () => {
  let manifests: Manifest[] = [];
  let settings: ServiceSettings[] = [];

  beforeAll(async () => {
    ({ manifests, settings } = await renderServices(join(deployDir, 'ci/values-full.yaml')));
  });

  it('autoscales the gateway, leaving its replica count to the HPA', () => {
    const hpas = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');
    expect(names(hpas)).toEqual(['crm-gateway']);
    expect(byName(ofKind(manifests, 'Deployment'), 'crm-gateway').spec.replicas).toBeUndefined();
    expect(byName(ofKind(manifests, 'Deployment'), 'crm-accounts').spec.replicas).toBe(3);
  });

  it('adds PodDisruptionBudgets, ServiceMonitors and the gateway Ingress', () => {
    // These values leave every service's PodDisruptionBudget on.
    expect(names(manifests.filter((m) => m.kind === 'PodDisruptionBudget'))).toEqual(
      componentNames(settings),
    );
    expect(names(manifests.filter((m) => m.kind === 'ServiceMonitor'))).toEqual(
      componentNames(settings.filter((svc) => svc.ports['metrics'] !== undefined)),
    );
    const ingress = byName(
      manifests.filter((m) => m.kind === 'Ingress'),
      'crm',
    );
    expect(JSON.stringify(ingress)).toContain(
      '"service":{"name":"crm-gateway","port":{"name":"http"}}',
    );
  });
});

describe('dev values (tilt/values.yaml)', () => {
  let manifests: Manifest[] = [];

  beforeAll(async () => {
    manifests = await render(join(deployDir, 'tilt/values.yaml'));
  });

  it('migrates on start instead of in hook Jobs, which Tilt would not rerun', async () => {
    expect(ofKind(manifests, 'Job')).toEqual([]);
    const migrating = (await enabledServices()).filter((svc) => svc.migrations.enabled);
    expect(componentNames(migrating)).toEqual(
      expect.arrayContaining(['crm-accounts', 'crm-identity']),
    );
    for (const svc of migrating) {
      const configMap = byName(ofKind(manifests, 'ConfigMap'), component(svc.name));
      expect(configMap.data?.['MIGRATE_ON_START'], svc.name).toBe('true');
    }
  });

  it('gives every service the fixed dev internal key through the connections Secret', async () => {
    const keyOf = (rendered: readonly Manifest[]): string | undefined =>
      byName(ofKind(rendered, 'Secret'), 'crm-connections').data?.['CRM_INTERNAL_SECRET'];
    const key = keyOf(manifests);
    expect(fromBase64(key ?? '')).toMatch(/^.{32,}$/);
    // Fixed, not generated: Tilt renders with `helm template`, which would change it every time.
    expect(keyOf(await render(join(deployDir, 'tilt/values.yaml')))).toBe(key);
    for (const deployment of ofKind(manifests, 'Deployment')) {
      expect(mainContainer(deployment).env, deployment.metadata.name).toContainEqual(
        fromSecret('CRM_INTERNAL_SECRET', 'crm-connections'),
      );
    }
  });

  it("gives identity the dev admin's password through the connections Secret", () => {
    const secret = byName(ofKind(manifests, 'Secret'), 'crm-connections');
    expect(secret.data?.['CRM_ADMIN_PASSWORD']).toMatch(/.+/);
    expect(
      mainContainer(byName(ofKind(manifests, 'Deployment'), 'crm-identity')).env,
    ).toContainEqual({
      name: 'CRM_ADMIN_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'crm-connections', key: 'CRM_ADMIN_PASSWORD' } },
    });
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
    [
      "the initial admin's password in a ConfigMap-bound env",
      { services: { identity: { env: { CRM_ADMIN_PASSWORD: 'x' } } } },
      /CRM_ADMIN_PASSWORD/,
    ],
    [
      'an internal key shorter than 32 characters',
      { connections: { internal: { env: { CRM_INTERNAL_SECRET: 'x'.repeat(31) } } } },
      /CRM_INTERNAL_SECRET.*minLength: got 31, want 32/s,
    ],
    [
      'the internal key in a ConfigMap-bound env',
      { serviceDefaults: { env: { CRM_INTERNAL_SECRET: 'x'.repeat(48) } } },
      /CRM_INTERNAL_SECRET/,
    ],
    ['a misspelt service setting', { services: { accounts: { replica: 3 } } }, /replica/],
    ['an unknown probe type', { serviceDefaults: { probe: { type: 'tcp' } } }, /probe\/type/],
    ['a port out of range', { services: { gateway: { ports: { http: 70000 } } } }, /ports\/http/],
    [
      'a service name too long for its headless Service name',
      { services: { ['s'.repeat(30)]: { ports: { grpc: 50059 } } } },
      /maxLength: got 30, want 29/,
    ],
    ['a misspelt network policy setting', { networkPolicy: { enable: false } }, /enable/],
  ])('rejects %s', async (_label: string, values: unknown, message: RegExp) => {
    const file = await valuesFile(`bad-${_label.replaceAll(' ', '-')}`, values);
    const rendering = render(file);
    await expect(rendering).rejects.toBeInstanceOf(HelmCommandError);
    await expect(rendering).rejects.toThrow(/values don't meet the specifications of the schema/);
    await expect(rendering).rejects.toThrow(message);
  });
});

describe('headless Services for gRPC client-side load balancing', () => {
  let manifests: Manifest[] = [];
  let settings: ServiceSettings[] = [];

  beforeAll(async () => {
    ({ manifests, settings } = await renderServices());
  });

  it('give every gRPC service one, on its gRPC port, selecting its ready pods only', () => {
    const headless = ofKind(manifests, 'Service').filter(isHeadless);
    const grpcServices = settings.filter(hasGrpc);
    expect(names(headless)).toEqual(componentNames(grpcServices, '-headless'));
    expect(names(headless)).toEqual(
      expect.arrayContaining(['crm-accounts-headless', 'crm-identity-headless']),
    );
    for (const svc of grpcServices) {
      const service = byName(headless, component(`${svc.name}-headless`));
      const deployment = byName(ofKind(manifests, 'Deployment'), component(svc.name));
      expect(service.spec.publishNotReadyAddresses).toBe(false);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(service.spec.ports).toEqual([
        {
          name: 'grpc',
          port: svc.ports['grpc'],
          targetPort: 'grpc',
          protocol: 'TCP',
          appProtocol: 'grpc',
        },
      ]);
      // The ClusterIP Service stays for everything else (metrics, kubectl port-forward).
      expect(
        byName(ofKind(manifests, 'Service'), component(svc.name)).spec.clusterIP,
      ).toBeUndefined();
    }
  });

  it('are addressed in the cluster domain of the values', async () => {
    const local = await render(
      await valuesFile('cluster-domain', { clusterDomain: 'k8s.internal' }),
    );
    expect(byName(ofKind(local, 'ConfigMap'), 'crm-gateway').data?.['ACCOUNTS_GRPC_URL']).toBe(
      'dns:///crm-accounts-headless.crm.svc.k8s.internal:50051',
    );
  });
});

describe('network policies', () => {
  const prometheus: SourcePod = {
    namespace: 'monitoring',
    labels: { 'app.kubernetes.io/name': 'prometheus' },
  };
  const strangerInRelease: SourcePod = { namespace: NAMESPACE, labels: { app: 'debug' } };
  const otherNamespace: SourcePod = { namespace: 'other', labels: { app: 'anything' } };
  let manifests: Manifest[] = [];
  let settings: ServiceSettings[] = [];

  beforeAll(async () => {
    ({ manifests, settings } = await renderServices());
  });

  it('select every service, restricting ingress only', () => {
    const policies = ofKind(manifests, 'NetworkPolicy');
    expect(names(policies)).toEqual(componentNames(settings));
    for (const policy of policies) {
      const deployment = byName(ofKind(manifests, 'Deployment'), policy.metadata.name);
      expect(policy.spec.podSelector).toEqual({
        matchLabels: deployment.spec.selector.matchLabels,
      });
      expect(policy.spec.policyTypes).toEqual(['Ingress']);
    }
  });

  it("admit to each gRPC port the release's services that name it in upstreams, no other", () => {
    for (const target of settings.filter(hasGrpc)) {
      for (const source of settings) {
        const declared =
          Object.values(source.upstreams).includes(target.name) ||
          target.callers.includes(source.name);
        expect(
          reaches(
            manifests,
            podOf(manifests, component(source.name)),
            component(target.name),
            'grpc',
          ),
          `${source.name} -> ${target.name}`,
        ).toBe(declared);
      }
    }
    // Accounts calls nobody: in particular it cannot reach identity.
    expect(reaches(manifests, podOf(manifests, 'crm-accounts'), 'crm-identity', 'grpc')).toBe(
      false,
    );
  });

  it("let only the release's declared callers reach a gRPC port", () => {
    const targets = ['crm-accounts', 'crm-identity'];
    for (const target of targets) {
      expect(reaches(manifests, podOf(manifests, 'crm-gateway'), target, 'grpc'), target).toBe(
        true,
      );
    }
    const impostors: SourcePod[] = [
      strangerInRelease,
      otherNamespace,
      prometheus,
      // Same component label, other release: caller identity is release-scoped.
      {
        namespace: NAMESPACE,
        labels: { ...podLabels(manifests, 'crm-gateway'), 'app.kubernetes.io/instance': 'other' },
      },
      { ...podOf(manifests, 'crm-gateway'), namespace: 'other' },
    ];
    for (const target of targets) {
      for (const source of impostors) {
        expect(
          reaches(manifests, source, target, 'grpc'),
          `${JSON.stringify(source)} -> ${target}`,
        ).toBe(false);
      }
    }
  });

  it('let Prometheus, and nothing else, scrape the metrics ports', () => {
    for (const name of componentNames(settings)) {
      expect(reaches(manifests, prometheus, name, 'metrics')).toBe(true);
      expect(reaches(manifests, { ...prometheus, namespace: 'other' }, name, 'metrics')).toBe(
        false,
      );
      expect(reaches(manifests, strangerInRelease, name, 'metrics')).toBe(false);
    }
  });

  it("open the gateway's HTTP port to any source, and nothing else of it", () => {
    for (const source of [strangerInRelease, otherNamespace, prometheus]) {
      expect(reaches(manifests, source, 'crm-gateway', 'http')).toBe(true);
    }
    expect(reaches(manifests, podOf(manifests, 'crm-accounts'), 'crm-gateway', 'metrics')).toBe(
      false,
    );
  });

  it('take their Prometheus selectors, public sources and extra rules from values', async () => {
    const configured = await render(
      await valuesFile('network-policy', {
        networkPolicy: {
          metricsFrom: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'observability' },
              },
              podSelector: { matchLabels: { app: 'vmagent' } },
            },
          ],
          publicFrom: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
              },
            },
          ],
          extraIngress: [{ ports: [{ port: 15090, protocol: 'TCP' }] }],
        },
      }),
    );
    const vmagent: SourcePod = { namespace: 'observability', labels: { app: 'vmagent' } };
    const nginx: SourcePod = { namespace: 'ingress-nginx', labels: { app: 'controller' } };
    expect(reaches(configured, vmagent, 'crm-accounts', 'metrics')).toBe(true);
    expect(reaches(configured, prometheus, 'crm-accounts', 'metrics')).toBe(false);
    expect(reaches(configured, nginx, 'crm-gateway', 'http')).toBe(true);
    expect(reaches(configured, otherNamespace, 'crm-gateway', 'http')).toBe(false);
    const accountsPolicy: NetworkPolicy = byName(
      ofKind(configured, 'NetworkPolicy'),
      'crm-accounts',
    );
    expect(accountsPolicy.spec.ingress).toContainEqual({
      ports: [{ port: 15090, protocol: 'TCP' }],
    });
  });

  it('admit the callers a service declares besides those naming it in upstreams', async () => {
    const withWorker = await render(
      await valuesFile('callers', {
        services: {
          worker: { ports: { grpc: 50060 } },
          accounts: { callers: ['worker'] },
        },
      }),
    );
    expect(reaches(withWorker, podOf(withWorker, 'crm-worker'), 'crm-accounts', 'grpc')).toBe(true);
    expect(reaches(withWorker, podOf(withWorker, 'crm-gateway'), 'crm-accounts', 'grpc')).toBe(
      true,
    );
    // Nobody calls the worker: its gRPC port is closed.
    expect(reaches(withWorker, podOf(withWorker, 'crm-gateway'), 'crm-worker', 'grpc')).toBe(false);
  });

  it('are not rendered when disabled', async () => {
    const open = await render(
      await valuesFile('no-network-policy', { networkPolicy: { enabled: false } }),
    );
    expect(ofKind(open, 'NetworkPolicy')).toEqual([]);
  });
});

describe('the image the chart runs (deploy/docker/Dockerfile)', () => {
  let stages: DockerStage[] = [];
  let manifests: Manifest[] = [];

  beforeAll(async () => {
    stages = parseDockerfile(await readFile(join(deployDir, 'docker/Dockerfile'), 'utf8'));
    manifests = await render();
  });

  function stage(name: string): DockerStage {
    const found = stages.find((s) => s.name === name);
    if (!found) throw new Error(`no stage ${name}; got ${stages.map((s) => s.name).join(', ')}`);
    return found;
  }

  function runs(from: DockerStage): string[] {
    return from.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  }

  it('serves the UI from the absolute path where the image puts it', () => {
    const runtime = stage('runtime');
    const workdir = runtime.instructions.find((i) => i.keyword === 'WORKDIR')?.args;
    const webDist = byName(ofKind(manifests, 'ConfigMap'), 'crm-gateway').data?.['WEB_DIST_DIR'];
    expect(workdir).toBe('/app');
    expect(webDist).toBe(posix.join(workdir ?? '', 'web/dist'));
    expect(runtime.instructions).toContainEqual({
      keyword: 'COPY',
      args: '--from=collect --chown=${APP_OWNER}:${APP_OWNER} /out/ ./',
    });
    expect(runs(stage('collect')).join('\n')).toContain('cp -a /dist/web/dist /out/web/');
  });

  it("installs only the production dependencies of the chart's services", async () => {
    const deps = stage('runtime-deps');
    const install = runs(deps).find((command) => command.includes('npm ci'));
    if (!install) throw new Error('runtime-deps runs no npm ci');
    const flags = install.slice(install.indexOf('npm ci')).split(/\s+/);
    expect(flags).toEqual(
      expect.arrayContaining(['--omit=dev', '--omit=optional', '--include-workspace-root=false']),
    );
    // Workspace devDependencies go first: npm's workspace filter would follow them otherwise.
    expect(
      install.indexOf('npm pkg delete devDependencies --workspaces --include-workspace-root'),
    ).toBeGreaterThanOrEqual(0);
    expect(install.indexOf('npm pkg delete devDependencies')).toBeLessThan(
      install.indexOf('npm ci'),
    );

    const workspaces = flags.flatMap((flag, i) => (flag === '--workspace' ? [flags[i + 1]] : []));
    const deployed = ofKind(manifests, 'Deployment').map((d) =>
      d.metadata.name.replace(`${RELEASE}-`, ''),
    );
    const packageNames = await Promise.all(
      deployed.map(async (service) => {
        const manifest: unknown = JSON.parse(
          await readFile(join(repoDir, 'services', service, 'package.json'), 'utf8'),
        );
        return (manifest as { name: string }).name;
      }),
    );
    expect(workspaces.sort()).toEqual(packageNames.sort());
    // Nothing is pruned from the build stage's full tree any more.
    for (const s of stages) expect(runs(s).join('\n')).not.toContain('npm prune');
    // `collect` imports each of them, so a dependency the install left out fails the build.
    const collect = runs(stage('collect')).join('\n');
    for (const packageName of packageNames) {
      expect(collect).toContain(`await import('${packageName}');`);
    }
  });
});
