import { parseAllDocuments } from 'yaml';

/** The fields of rendered Kubernetes objects that the chart checks read. */
export interface ObjectMeta {
  name: string;
  /** Unset in `helm template` output: the object lands in the release namespace. */
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

export interface Probe {
  grpc?: { port: number; service?: string };
  httpGet?: { path: string; port: number | string };
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
}

export interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean };
  serviceAccountName?: string;
}

export interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: PodSpec;
}

export interface Deployment extends Manifest {
  kind: 'Deployment';
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    template: PodTemplate;
  };
}

export interface Job extends Manifest {
  kind: 'Job';
  spec: { template: PodTemplate };
}

export interface Service extends Manifest {
  kind: 'Service';
  spec: {
    clusterIP?: string;
    publishNotReadyAddresses?: boolean;
    selector: Record<string, string>;
    ports: { name: string; port: number; targetPort: number | string }[];
  };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface NetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicy extends Manifest {
  kind: 'NetworkPolicy';
  spec: {
    podSelector: LabelSelector;
    policyTypes?: string[];
    ingress?: NetworkPolicyIngressRule[];
  };
}

export interface ConfigMap extends Manifest {
  kind: 'ConfigMap';
  data?: Record<string, string>;
}

export interface Secret extends Manifest {
  kind: 'Secret';
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export interface KindMap {
  ConfigMap: ConfigMap;
  Deployment: Deployment;
  Job: Job;
  NetworkPolicy: NetworkPolicy;
  Secret: Secret;
  Service: Service;
}

export class ManifestParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestParseError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isManifest(value: unknown): value is Manifest {
  return (
    isRecord(value) &&
    typeof value['apiVersion'] === 'string' &&
    typeof value['kind'] === 'string' &&
    isRecord(value['metadata']) &&
    typeof value['metadata']['name'] === 'string'
  );
}

/** Parses a multi-document YAML stream (e.g. `helm template` output), skipping empty documents. */
export function parseManifests(text: string): Manifest[] {
  const manifests: Manifest[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      throw new ManifestParseError(document.errors.map((e) => e.message).join('; '));
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (!isManifest(value)) {
      throw new ManifestParseError(
        `not a Kubernetes object: ${JSON.stringify(value).slice(0, 200)}`,
      );
    }
    manifests.push(value);
  }
  return manifests;
}

/** The manifests of one kind, typed by that kind. */
export function ofKind<K extends keyof KindMap>(
  manifests: readonly Manifest[],
  kind: K,
): KindMap[K][] {
  // The kind check is what makes the narrowing sound: the shape below `kind` is helm's output.
  return manifests.filter((m) => m.kind === kind) as KindMap[K][];
}
