/**
 * Formula-injection defence (OWASP "CSV Injection"): spreadsheets evaluate a text cell that starts
 * with `=`, `+`, `-`, `@`, TAB or CR, so such cells are written with a leading `'`.
 *
 * To keep export → import lossless the rule is a bijection: a cell matching `^'*[trigger]` gains one
 * `'`, and unescaping removes one `'` from a cell matching `^'+[trigger]`. Without counting the
 * existing quotes, a genuine `'=x` would come back as `=x`.
 */
const APOSTROPHE = 0x27;

function isTrigger(code: number): boolean {
  return (
    code === 0x3d || // =
    code === 0x2b || // +
    code === 0x2d || // -
    code === 0x40 || // @
    code === 0x09 || // TAB
    code === 0x0d // CR
  );
}

function firstAfterApostrophes(text: string): number {
  let index = 0;
  while (text.charCodeAt(index) === APOSTROPHE) index += 1;
  return index;
}

/** Prefixes `'` to text a spreadsheet would evaluate as a formula. */
export function escapeFormula(text: string): string {
  return isTrigger(text.charCodeAt(firstAfterApostrophes(text))) ? `'${text}` : text;
}

/** Inverse of `escapeFormula`: `unescapeFormula(escapeFormula(s)) === s` for every string. */
export function unescapeFormula(text: string): string {
  if (text.charCodeAt(0) !== APOSTROPHE) return text;
  return isTrigger(text.charCodeAt(firstAfterApostrophes(text))) ? text.slice(1) : text;
}
