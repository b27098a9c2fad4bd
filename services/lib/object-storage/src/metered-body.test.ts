import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ObjectSizeMismatchError, ObjectTooLargeError } from './errors.js';
import { meterBody } from './metered-body.js';

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('meterBody', () => {
  it('passes the bytes through and reports their size and SHA-256', async () => {
    const metered = meterBody('k', Readable.from([Buffer.from('abc'), 'def']), {});
    expect((await drain(metered.stream)).toString()).toBe('abcdef');
    expect(metered.digest()).toEqual({
      size: 6,
      checksumSha256: createHash('sha256').update('abcdef').digest('hex'),
    });
  });

  it('treats a Uint8Array as one body, not as a sequence of numbers', async () => {
    const metered = meterBody('k', new Uint8Array([1, 2, 3]), { contentLength: 3 });
    expect([...(await drain(metered.stream))]).toEqual([1, 2, 3]);
  });

  it('fails past maxBytes and stops reading the source', async () => {
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        for (;;) {
          pulled += 1;
          yield Buffer.alloc(1024);
        }
      })(),
    );
    const metered = meterBody('k', source, { maxBytes: 4096 });
    await expect(drain(metered.stream)).rejects.toBeInstanceOf(ObjectTooLargeError);
    expect(metered.failure()).toBeInstanceOf(ObjectTooLargeError);
    expect(source.destroyed).toBe(true);
    expect(pulled).toBeLessThan(64);
  });

  it('accepts exactly maxBytes', async () => {
    const metered = meterBody('k', Buffer.alloc(10), { maxBytes: 10 });
    expect((await drain(metered.stream)).length).toBe(10);
  });

  it('fails when the body is shorter or longer than contentLength', async () => {
    await expect(
      drain(meterBody('k', Buffer.alloc(3), { contentLength: 4 }).stream),
    ).rejects.toBeInstanceOf(ObjectSizeMismatchError);
    await expect(
      drain(meterBody('k', Buffer.alloc(5), { contentLength: 4 }).stream),
    ).rejects.toBeInstanceOf(ObjectSizeMismatchError);
  });

  it('passes on an error of the source', async () => {
    const source = new Readable({
      read() {
        this.destroy(new Error('client went away'));
      },
    });
    const metered = meterBody('k', source, {});
    await expect(drain(metered.stream)).rejects.toThrow('client went away');
    expect(metered.failure()).toBeUndefined();
  });
});
