import { describe, expect, it } from 'vitest';
import { ChartValuesError, mergeValues, parseValues, resolveServices } from './chart-values.js';

describe('mergeValues', () => {
  it('merges maps key by key, replaces lists and scalars, and skips null', () => {
    expect(
      mergeValues(
        { a: { b: 1, c: [1, 2] }, d: 'x', e: 0 },
        { a: { c: [3] }, d: null, e: 5, f: false },
      ),
    ).toEqual({ a: { b: 1, c: [3] }, d: 'x', e: 5, f: false });
  });
});

describe('parseValues', () => {
  it('reads an empty file as an empty map and rejects anything but a map', () => {
    expect(parseValues('# only a comment\n')).toEqual({});
    expect(() => parseValues('- a\n')).toThrow(ChartValuesError);
  });
});

describe('resolveServices', () => {
  const values = parseValues(`
serviceDefaults:
  enabled: true
  ports: { metrics: 9464 }
  connections: []
  upstreams: {}
  callers: []
  migrations: { enabled: false, connections: [] }
services:
  zeta:
    ports: { grpc: 50051 }
    connections: [database, secrets]
    migrations: { enabled: true, connections: [database] }
  alpha:
    enabled: false
  gateway:
    ports: { http: 8080 }
    upstreams: { ZETA_GRPC_URL: zeta }
    migrations: { enabled: true }
`);

  it('lays every entry over serviceDefaults, sorted by name, disabled ones included', () => {
    expect(resolveServices(values)).toEqual([
      {
        name: 'alpha',
        enabled: false,
        ports: { metrics: 9464 },
        connections: [],
        upstreams: {},
        callers: [],
        migrations: { enabled: false, connections: [] },
      },
      {
        name: 'gateway',
        enabled: true,
        ports: { metrics: 9464, http: 8080 },
        connections: [],
        upstreams: { ZETA_GRPC_URL: 'zeta' },
        callers: [],
        migrations: { enabled: true, connections: [] },
      },
      {
        name: 'zeta',
        enabled: true,
        ports: { metrics: 9464, grpc: 50051 },
        connections: ['database', 'secrets'],
        upstreams: {},
        callers: [],
        migrations: { enabled: true, connections: ['database'] },
      },
    ]);
  });

  it("gives migrations the service's connections unless they name their own", () => {
    const withConnections = mergeValues(values, {
      services: { gateway: { connections: ['nats'] } },
    });
    const gateway = resolveServices(withConnections).find((s) => s.name === 'gateway');
    expect(gateway?.migrations.connections).toEqual(['nats']);
  });

  it('adds commonConnections to every service after its own, but not to its migrations', () => {
    const common = resolveServices(
      mergeValues(values, { commonConnections: ['internal', 'database'] }),
    );
    expect(common.map((s) => [s.name, s.connections, s.migrations.connections])).toEqual([
      ['alpha', ['internal', 'database'], []],
      ['gateway', ['internal', 'database'], []],
      ['zeta', ['database', 'secrets', 'internal'], ['database']],
    ]);
  });

  it('rejects settings of the wrong shape', () => {
    expect(() => resolveServices({ services: { a: { ports: { grpc: '1' } } } })).toThrow(
      /services\.a\.ports\.grpc/,
    );
    expect(() => resolveServices({ services: { a: { connections: 'database' } } })).toThrow(
      ChartValuesError,
    );
  });
});
