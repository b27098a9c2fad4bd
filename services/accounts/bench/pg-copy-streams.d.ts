/** What the benchmark uses of `pg-copy-streams`, which ships no type declarations. */
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';

  /** `COPY … FROM STDIN` as a stream to write the rows to; submitted with a `pg` client's query. */
  export function from(text: string): Writable;
}
