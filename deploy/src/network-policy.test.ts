import { describe, expect, it } from 'vitest';
import type { NetworkPolicy } from './manifests.js';
import { ingressAllowed, selectorMatches, UnsupportedSelectorError } from './network-policy.js';

function policy(spec: NetworkPolicy['spec']): NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'p' },
    spec,
  };
}

const api = { namespace: 'app', labels: { app: 'api' }, port: 50051, portName: 'grpc' };
const web = { namespace: 'app', labels: { app: 'web' } };

describe('selectorMatches', () => {
  it('needs every label and every expression to hold; {} matches anything', () => {
    expect(selectorMatches({}, {})).toBe(true);
    expect(selectorMatches({ matchLabels: { a: '1' } }, { a: '1', b: '2' })).toBe(true);
    expect(selectorMatches({ matchLabels: { a: '1', c: '3' } }, { a: '1' })).toBe(false);
    const expressions = [
      { key: 'tier', operator: 'In', values: ['web', 'api'] },
      { key: 'legacy', operator: 'DoesNotExist' },
      { key: 'team', operator: 'Exists' },
      { key: 'env', operator: 'NotIn', values: ['test'] },
    ];
    expect(selectorMatches({ matchExpressions: expressions }, { tier: 'api', team: 'x' })).toBe(
      true,
    );
    expect(
      selectorMatches({ matchExpressions: expressions }, { tier: 'api', team: 'x', env: 'test' }),
    ).toBe(false);
    expect(() =>
      selectorMatches({ matchExpressions: [{ key: 'a', operator: 'Gt' }] }, { a: '1' }),
    ).toThrow(UnsupportedSelectorError);
  });
});

describe('ingressAllowed', () => {
  it('allows everything to a pod no policy selects', () => {
    const other = policy({ podSelector: { matchLabels: { app: 'other' } }, ingress: [] });
    expect(ingressAllowed([other], api, web)).toBe(true);
  });

  it('denies everything to a selected pod without rules', () => {
    expect(ingressAllowed([policy({ podSelector: {}, ingress: [] })], api, web)).toBe(false);
  });

  it('matches a podSelector-only peer in the policy namespace only', () => {
    const p = policy({
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 50051 }] },
      ],
    });
    expect(ingressAllowed([p], api, web)).toBe(true);
    expect(ingressAllowed([p], api, { ...web, namespace: 'elsewhere' })).toBe(false);
    expect(ingressAllowed([p], { ...api, port: 9464, portName: 'metrics' }, web)).toBe(false);
  });

  it('matches namespace and pod selectors of one peer together', () => {
    const p = policy({
      podSelector: {},
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
              podSelector: { matchLabels: { app: 'prometheus' } },
            },
          ],
          ports: [{ port: 'grpc' }],
        },
      ],
    });
    const prometheus = { namespace: 'monitoring', labels: { app: 'prometheus' } };
    expect(ingressAllowed([p], api, prometheus)).toBe(true);
    expect(ingressAllowed([p], api, { ...prometheus, labels: { app: 'grafana' } })).toBe(false);
    expect(ingressAllowed([p], api, { ...prometheus, namespace: 'app' })).toBe(false);
  });

  it('admits any source to the ports of a rule without from, and port ranges', () => {
    const p = policy({ podSelector: {}, ingress: [{ ports: [{ port: 50000, endPort: 50100 }] }] });
    expect(ingressAllowed([p], api, { namespace: 'x', labels: {} })).toBe(true);
    expect(ingressAllowed([p], { ...api, port: 8080 }, web)).toBe(false);
  });

  it('never matches a pod against an ipBlock peer or a UDP port', () => {
    const p = policy({
      podSelector: {},
      ingress: [
        { from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] },
        { ports: [{ protocol: 'UDP', port: 50051 }] },
      ],
    });
    expect(ingressAllowed([p], api, web)).toBe(false);
  });
});
