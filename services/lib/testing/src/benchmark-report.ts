import { readFile, writeFile } from 'node:fs/promises';

/**
 * Replaces (or appends) one benchmark's section of docs/benchmarks.md, between markers named after
 * it, so each benchmark rewrites its own figures and leaves the others alone.
 */
export async function writeBenchmarkSection(
  file: string,
  name: string,
  markdown: string,
): Promise<void> {
  const begin = `<!-- benchmark:${name}:begin -->`;
  const end = `<!-- benchmark:${name}:end -->`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text =
      '# Benchmarks\n\nEach section is written by `npm run bench`; ratios compare against a baseline measured in the same run on the same machine.\n';
  }
  const section = `${begin}\n${markdown.trim()}\n${end}`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  const next =
    start >= 0 && stop > start
      ? `${text.slice(0, start)}${section}${text.slice(stop + end.length)}`
      : `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next);
}
