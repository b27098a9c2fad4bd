/** NATS subject matching: `*` is one token, `>` one or more trailing tokens. */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    const token = p[i];
    if (token === '>') return s.length > i;
    if (i >= s.length) return false;
    if (token !== '*' && token !== s[i]) return false;
  }
  return p.length === s.length;
}

/** Whether some subject could match both patterns (JetStream forbids such overlap between streams). */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const left = x[i];
    const right = y[i];
    if (left === '>' || right === '>') return left !== undefined && right !== undefined;
    if (left === undefined || right === undefined) return false;
    if (left !== '*' && right !== '*' && left !== right) return false;
  }
  return true;
}
