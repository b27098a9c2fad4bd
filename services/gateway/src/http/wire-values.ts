/**
 * The HTTP API names proto enum values in lower case (`former_customer`, `1-10`); one table per enum
 * gives both directions, so the two spellings cannot drift apart.
 */
export interface EnumMapping<Wire extends string, Message extends number> {
  /** The HTTP spellings, for `z.enum`. */
  readonly values: readonly [Wire, ...Wire[]];
  toMessage(value: Wire): Message;
  /** `undefined` for the unspecified (or an unknown) value. */
  fromMessage(value: number): Wire | undefined;
}

export function enumMapping<Wire extends string, Message extends number>(
  pairs: readonly [readonly [Wire, Message], ...Array<readonly [Wire, Message]>],
): EnumMapping<Wire, Message> {
  const toMessage = new Map<Wire, Message>(pairs);
  const fromMessage = new Map<number, Wire>(pairs.map(([wire, message]) => [message, wire]));
  const [first, ...rest] = pairs;
  return {
    values: [first[0], ...rest.map(([wire]) => wire)],
    toMessage(value) {
      const message = toMessage.get(value);
      if (message === undefined) throw new Error(`no message value for ${value}`);
      return message;
    },
    fromMessage: (value) => fromMessage.get(value),
  };
}

/** Like `fromMessage`, for values the service must always set: anything else is a broken contract. */
export function requiredEnum<Wire extends string, Message extends number>(
  mapping: EnumMapping<Wire, Message>,
  value: number,
  what: string,
): Wire {
  const wire = mapping.fromMessage(value);
  if (wire === undefined) throw new Error(`service answered with an unknown ${what}: ${value}`);
  return wire;
}

/** proto int64 arrives as a decimal string; counts and versions are numbers in JSON. */
export function int64ToNumber(value: string, what: string): number {
  const number = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw new Error(`service answered with a ${what} that is not a safe integer: ${value}`);
  }
  return number;
}

/** A missing timestamp is a broken service contract, not something to paper over with 1970. */
export function requiredTimestamp(value: string | undefined, what: string): string {
  if (!value) throw new Error(`service answered without ${what}`);
  return value;
}

/** A message field the service must always fill. */
export function requiredMessage<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`service answered without ${what}`);
  return value;
}

/** On update, `null` clears an optional string: the services read an empty value as "clear". */
export function clearable(value: string | null | undefined): string | undefined {
  return value === null ? '' : value;
}
