import { describe, expect, it } from 'vitest';
import { enumMapping, int64ToNumber, requiredEnum } from './wire-values.js';

enum Colour {
  UNSPECIFIED = 0,
  DARK_RED = 1,
  LIGHT_BLUE = 2,
}

describe('wire values', () => {
  const colours = enumMapping([
    ['dark_red', Colour.DARK_RED],
    ['light_blue', Colour.LIGHT_BLUE],
  ]);

  it('maps enum values both ways and leaves unspecified values out', () => {
    expect(colours.values).toEqual(['dark_red', 'light_blue']);
    expect(colours.toMessage('light_blue')).toBe(Colour.LIGHT_BLUE);
    expect(colours.fromMessage(Colour.DARK_RED)).toBe('dark_red');
    expect(colours.fromMessage(Colour.UNSPECIFIED)).toBeUndefined();
    expect(() => requiredEnum(colours, Colour.UNSPECIFIED, 'colour')).toThrow(/unknown colour/);
  });

  it('turns int64 text into numbers only while they are exact', () => {
    expect(int64ToNumber('42', 'version')).toBe(42);
    expect(int64ToNumber('-3', 'count')).toBe(-3);
    expect(() => int64ToNumber('9007199254740993', 'version')).toThrow(/safe integer/);
    expect(() => int64ToNumber('', 'version')).toThrow();
    expect(() => int64ToNumber('1e3', 'version')).toThrow();
  });
});
