/** One instruction of a Dockerfile stage, continuation lines joined, e.g. `RUN` and its command. */
export interface DockerInstruction {
  keyword: string;
  args: string;
}

export interface DockerStage {
  /** The `AS` name, if any. */
  name?: string;
  base: string;
  instructions: DockerInstruction[];
}

export class DockerfileParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DockerfileParseError';
  }
}

/** Joins continuation lines and drops comments (also those inside a continued instruction). */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    lines.push(`${pending}${line}`.trim());
    pending = '';
  }
  if (pending !== '') lines.push(pending.trim());
  return lines.filter((line) => line !== '');
}

/** The build stages of a Dockerfile in order; global ARGs before the first FROM are skipped. */
export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const line of logicalLines(text)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!match?.[1]) throw new DockerfileParseError(`cannot read FROM ${args}`);
      stages.push({
        base: match[1],
        ...(match[2] ? { name: match[2] } : {}),
        instructions: [],
      });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}
