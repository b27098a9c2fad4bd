import { describe, expect, it } from 'vitest';
import { DockerfileParseError, parseDockerfile } from './dockerfile.js';

describe('parseDockerfile', () => {
  it('splits stages, joins continuations and drops comments', () => {
    const stages = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'ARG BASE=node:24',
        'FROM ${BASE} AS build',
        'WORKDIR /app',
        'RUN set -eu; \\',
        '    # a comment inside the command',
        '    npm ci; \\',
        '    npm run build',
        '',
        'FROM --platform=linux/amd64 ${BASE}',
        'copy --from=build /app/dist ./dist',
      ].join('\n'),
    );
    expect(stages).toEqual([
      {
        name: 'build',
        base: '${BASE}',
        instructions: [
          { keyword: 'WORKDIR', args: '/app' },
          { keyword: 'RUN', args: 'set -eu; npm ci; npm run build' },
        ],
      },
      {
        base: '${BASE}',
        instructions: [{ keyword: 'COPY', args: '--from=build /app/dist ./dist' }],
      },
    ]);
  });

  it('rejects a FROM it cannot read', () => {
    expect(() => parseDockerfile('FROM a b c d')).toThrow(DockerfileParseError);
  });
});
