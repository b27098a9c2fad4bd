/** The values in order, blanks dropped, each kept once by `key` (the first one written wins). */
export function unite(
  values: ReadonlyArray<string | null>,
  key: (value: string) => string = (value) => value,
): string[] {
  const seen = new Set<string>();
  const united: string[] = [];
  for (const value of values) {
    if (!value || seen.has(key(value))) continue;
    seen.add(key(value));
    united.push(value);
  }
  return united;
}
