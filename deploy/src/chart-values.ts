import { parse } from 'yaml';

/** The settings of one service that the chart checks derive their expectations from. */
export interface ServiceSettings {
  name: string;
  enabled: boolean;
  ports: Record<string, number>;
  /** Its own connections, then `commonConnections`. */
  connections: string[];
  upstreams: Record<string, string>;
  callers: string[];
  migrations: { enabled: boolean; connections: string[] };
}

export class ChartValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartValuesError';
  }
}

type Values = Record<string, unknown>;

function isRecord(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one values file; an empty file is an empty map, as helm reads it. */
export function parseValues(text: string): Values {
  const value: unknown = parse(text);
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) throw new ChartValuesError('a values file must hold a map');
  return value;
}

/**
 * `override` laid over `base` as the chart merges a service entry over `serviceDefaults` (and helm
 * a values file over another): maps merge key by key, anything else replaces, null is skipped.
 */
export function mergeValues(base: Values, override: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null || value === undefined) continue;
    const current = merged[key];
    merged[key] = isRecord(current) && isRecord(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

function mapAt(values: Values, key: string, where: string): Values {
  const value = values[key] ?? {};
  if (!isRecord(value)) throw new ChartValuesError(`${where}.${key} must be a map`);
  return value;
}

function stringsAt(values: Values, key: string, where: string): string[] {
  const value = values[key] ?? [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new ChartValuesError(`${where}.${key} must be a list of strings`);
  }
  return value;
}

function typedMap<T>(
  values: Values,
  key: string,
  where: string,
  isItem: (item: unknown) => item is T,
): Record<string, T> {
  const map = mapAt(values, key, where);
  for (const [name, item] of Object.entries(map)) {
    if (!isItem(item)) throw new ChartValuesError(`${where}.${key}.${name} has the wrong type`);
  }
  return map as Record<string, T>;
}

const isNumber = (item: unknown): item is number => typeof item === 'number';
const isString = (item: unknown): item is string => typeof item === 'string';

/** Every entry of `services` (disabled ones too), resolved over `serviceDefaults`, by name. */
export function resolveServices(values: Values): ServiceSettings[] {
  const defaults = mapAt(values, 'serviceDefaults', 'values');
  const commonConnections = stringsAt(values, 'commonConnections', 'values');
  return (
    Object.entries(mapAt(values, 'services', 'values'))
      .map(([name, entry]): ServiceSettings => {
        if (!isRecord(entry)) throw new ChartValuesError(`services.${name} must be a map`);
        const where = `services.${name}`;
        const svc = mergeValues(defaults, entry);
        const migrations = mapAt(svc, 'migrations', where);
        const connections = stringsAt(svc, 'connections', where);
        const migrationConnections = stringsAt(migrations, 'connections', `${where}.migrations`);
        return {
          name,
          enabled: svc['enabled'] !== false,
          ports: typedMap(svc, 'ports', where, isNumber),
          // As the chart: its own first, then the common ones it does not list already.
          connections: [...new Set([...connections, ...commonConnections])],
          upstreams: typedMap(svc, 'upstreams', where, isString),
          callers: stringsAt(svc, 'callers', where),
          migrations: {
            enabled: migrations['enabled'] === true,
            // As the chart: an empty list means the service's own connections (not the common ones).
            connections: migrationConnections.length > 0 ? migrationConnections : connections,
          },
        };
      })
      // Code-unit order, as helm's sortAlpha.
      .sort((a, b) => (a.name < b.name ? -1 : 1))
  );
}
