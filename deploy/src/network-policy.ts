import type {
  LabelSelector,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
} from './manifests.js';

/** A pod sending traffic. Namespace labels default to the one Kubernetes sets on every namespace. */
export interface SourcePod {
  namespace: string;
  labels: Record<string, string>;
  namespaceLabels?: Record<string, string>;
}

/** A TCP port of a pod receiving traffic: its number and, if it has one, its container port name. */
export interface DestinationPort {
  namespace: string;
  labels: Record<string, string>;
  port: number;
  portName?: string;
}

export class UnsupportedSelectorError extends Error {
  constructor(operator: string) {
    super(`label selector operator ${operator} is not one of In, NotIn, Exists, DoesNotExist`);
    this.name = 'UnsupportedSelectorError';
  }
}

/** Kubernetes label selector semantics: every matchLabels entry and every expression must hold. */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const value = labels[key];
    switch (operator) {
      case 'In':
        return value !== undefined && values.includes(value);
      case 'NotIn':
        return value === undefined || !values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        throw new UnsupportedSelectorError(operator);
    }
  });
  return byLabel && byExpression;
}

function namespaceLabelsOf(source: SourcePod): Record<string, string> {
  return source.namespaceLabels ?? { 'kubernetes.io/metadata.name': source.namespace };
}

// ipBlock peers are for addresses outside the cluster; which pod IPs they cover depends on the
// CNI, so a pod source never matches one here.
function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, source: SourcePod): boolean {
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const inNamespace = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, namespaceLabelsOf(source))
    : source.namespace === policyNamespace;
  return inNamespace && (!peer.podSelector || selectorMatches(peer.podSelector, source.labels));
}

function portMatches(entry: NetworkPolicyPort, destination: DestinationPort): boolean {
  if ((entry.protocol ?? 'TCP') !== 'TCP') return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'string') return entry.port === destination.portName;
  return entry.endPort === undefined
    ? entry.port === destination.port
    : destination.port >= entry.port && destination.port <= entry.endPort;
}

function appliesTo(policy: NetworkPolicy, destination: DestinationPort): boolean {
  const types = policy.spec.policyTypes ?? ['Ingress'];
  return (
    (policy.metadata.namespace ?? destination.namespace) === destination.namespace &&
    types.includes('Ingress') &&
    selectorMatches(policy.spec.podSelector, destination.labels)
  );
}

/**
 * Whether Kubernetes lets `source` open a TCP connection to `destination` under these ingress
 * policies: allowed when no policy selects the destination pod, otherwise when a rule of one of
 * the selecting policies admits both the source and the port.
 */
export function ingressAllowed(
  policies: readonly NetworkPolicy[],
  destination: DestinationPort,
  source: SourcePod,
): boolean {
  const applying = policies.filter((policy) => appliesTo(policy, destination));
  if (applying.length === 0) return true;
  return applying.some((policy) =>
    (policy.spec.ingress ?? []).some((rule) => {
      const portOk = !rule.ports?.length || rule.ports.some((p) => portMatches(p, destination));
      const sourceOk =
        !rule.from?.length ||
        rule.from.some((peer) => peerMatches(peer, destination.namespace, source));
      return portOk && sourceOk;
    }),
  );
}
