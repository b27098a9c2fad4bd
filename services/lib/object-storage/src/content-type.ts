import { Readable } from 'node:stream';
import { ContentTypeNotAllowedError } from './errors.js';

/*
 * Media types whose files begin with a fixed signature. A declared type from this list must be
 * confirmed by the bytes; bytes with one of these signatures contradict any other declared type.
 */
const signatures: ReadonlyArray<{ type: string; matches: (bytes: Uint8Array) => boolean }> = [
  { type: 'application/pdf', matches: (b) => startsWith(b, 0, ascii('%PDF-')) },
  {
    type: 'image/png',
    matches: (b) => startsWith(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { type: 'image/jpeg', matches: (b) => startsWith(b, 0, [0xff, 0xd8, 0xff]) },
  {
    type: 'image/gif',
    matches: (b) => startsWith(b, 0, ascii('GIF87a')) || startsWith(b, 0, ascii('GIF89a')),
  },
  {
    type: 'image/webp',
    matches: (b) => startsWith(b, 0, ascii('RIFF')) && startsWith(b, 8, ascii('WEBP')),
  },
  {
    // Local file header, or the end record of an empty archive.
    type: 'application/zip',
    matches: (b) =>
      startsWith(b, 0, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, 0, [0x50, 0x4b, 0x05, 0x06]),
  },
];

/** Aliases browsers and operating systems still send for the types above. */
const aliases: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/x-pdf': 'application/pdf',
  'application/x-zip-compressed': 'application/zip',
};

/** Office documents (OOXML, OpenDocument) and other formats that are zip archives inside. */
function isZipBased(type: string): boolean {
  return (
    type === 'application/zip' ||
    type.startsWith('application/vnd.openxmlformats-officedocument.') ||
    type.startsWith('application/vnd.oasis.opendocument.') ||
    type === 'application/epub+zip'
  );
}

/** Declared types whose content must be text. */
function isTextual(type: string): boolean {
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/csv' ||
    type === 'application/xml'
  );
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (bytes.length < offset + expected.length) return false;
  return expected.every((byte, index) => bytes[offset + index] === byte);
}

/**
 * OpenDocument files store their media type uncompressed as the first entry, `mimetype`, so the
 * exact type can be read from the first bytes.
 */
function openDocumentType(bytes: Uint8Array): string | undefined {
  if (bytes.length < 30) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  const compressedSize = view.getUint32(18, true);
  const name = Buffer.from(bytes.subarray(30, 30 + nameLength)).toString('latin1');
  if (name !== 'mimetype' || view.getUint16(8, true) !== 0) return undefined;
  const start = 30 + nameLength + extraLength;
  if (bytes.length < start + compressedSize) return undefined;
  return Buffer.from(bytes.subarray(start, start + compressedSize)).toString('latin1');
}

/**
 * Text: valid UTF-8 (a sequence cut off by the end of the sample is allowed) without NUL or other
 * control characters besides tab, line breaks and form feed.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  let index = startsWith(bytes, 0, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    if (byte < 0x80) {
      const allowedControl = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
      if ((byte < 0x20 && !allowedControl) || byte === 0x7f) return false;
      index += 1;
      continue;
    }
    const length = byte >= 0xf0 && byte <= 0xf4 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc2 ? 2 : 0;
    if (length === 0 || byte > 0xf4) return false;
    for (let next = 1; next < length; next += 1) {
      if (index + next >= bytes.length) return true;
      const continuation = bytes[index + next] ?? 0;
      if ((continuation & 0xc0) !== 0x80) return false;
    }
    index += length;
  }
  return true;
}

/** What the bytes are: a signature's media type, `text/plain`, or undefined when unknown. */
export function detectContentType(firstBytes: Uint8Array): string | undefined {
  const signature = signatures.find((candidate) => candidate.matches(firstBytes));
  if (signature) {
    if (signature.type === 'application/zip')
      return openDocumentType(firstBytes) ?? 'application/zip';
    return signature.type;
  }
  return firstBytes.length > 0 && looksLikeText(firstBytes) ? 'text/plain' : undefined;
}

/** `Image/JPG; charset=x` → `image/jpeg`: lower case, without parameters, aliases resolved. */
export function normalizeContentType(contentType: string): string {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return aliases[essence] ?? essence;
}

function isAllowed(type: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    const pattern = normalizeContentType(entry);
    return pattern.endsWith('/*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
  });
}

function contradiction(type: string, detected: string | undefined): string | undefined {
  const signed = signatures.some((candidate) => candidate.type === type);
  if (isZipBased(type)) {
    if (detected === undefined || !isZipBased(detected))
      return 'the content is not a zip-based document';
    // Only OpenDocument names its exact type; other zip-based formats pass as zip.
    if (type !== 'application/zip' && detected !== 'application/zip' && detected !== type) {
      return `the content is ${detected}`;
    }
    return undefined;
  }
  if (signed) return detected === type ? undefined : `the content is not ${type}`;
  if (isTextual(type)) return detected === 'text/plain' ? undefined : 'the content is not text';
  // An unknown declared type is contradicted only by a recognisable binary format.
  if (detected !== undefined && detected !== 'text/plain' && type !== 'application/octet-stream') {
    return `the content is ${detected}`;
  }
  return undefined;
}

/**
 * Refuses, with `ContentTypeNotAllowedError`, a declared type that is not in `allowed` (entries
 * may end in `/*`) or that the first bytes of the content contradict. Pass the first few KiB:
 * text detection looks at all of them. Returns the normalised declared type.
 */
export function assertAllowedContent(input: {
  declaredType: string;
  firstBytes: Uint8Array;
  allowed: readonly string[];
}): { contentType: string; detectedType: string | undefined } {
  const contentType = normalizeContentType(input.declaredType);
  const detectedType = detectContentType(input.firstBytes);
  if (!/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(contentType)) {
    throw new ContentTypeNotAllowedError(input.declaredType, detectedType, 'not a media type');
  }
  if (!isAllowed(contentType, input.allowed)) {
    throw new ContentTypeNotAllowedError(
      input.declaredType,
      detectedType,
      `${contentType} is not an allowed type`,
    );
  }
  const problem = contradiction(contentType, detectedType);
  if (problem) throw new ContentTypeNotAllowedError(input.declaredType, detectedType, problem);
  return { contentType, detectedType };
}

/**
 * Reads up to `count` bytes from the start of `body` for `assertAllowedContent`, and returns a
 * stream of the whole body, those bytes included, to store afterwards.
 */
export async function readFirstBytes(
  body: Readable,
  count: number,
): Promise<{ firstBytes: Uint8Array; body: Readable }> {
  const iterator: AsyncIterator<unknown> = body[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < count) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = toBuffer(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const firstBytes = Buffer.concat(chunks).subarray(0, count);
  async function* replay(): AsyncGenerator<Buffer> {
    yield* chunks;
    while (!done) {
      const next = await iterator.next();
      if (next.done) {
        done = true;
        return;
      }
      yield toBuffer(next.value);
    }
  }
  const replayed = Readable.from(replay(), { objectMode: false });
  // Abandoning the replay must release the source too; a failure to close it has no one to tell.
  replayed.once('close', () => {
    if (!done) Promise.resolve(iterator.return?.()).catch(() => undefined);
  });
  return { firstBytes, body: replayed };
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new TypeError('the body yielded something other than bytes or text');
}

/** A Windows program: `MZ`, and the header offset at 0x3C pointing at `PE\0\0`. */
function isPortableExecutable(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, 0, [0x4d, 0x5a]) || bytes.length < 0x40) return false;
  const offset = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32LE(0x3c);
  return startsWith(bytes, offset, [0x50, 0x45, 0x00, 0x00]);
}

/** Programs by their first bytes: Windows, ELF, Mach-O (and fat binaries), `#!` scripts. */
export function looksExecutable(firstBytes: Uint8Array): boolean {
  return (
    isPortableExecutable(firstBytes) ||
    startsWith(firstBytes, 0, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(firstBytes, 0, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(firstBytes, 0, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(firstBytes, 0, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(firstBytes, 0, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(firstBytes, 0, [0xca, 0xfe, 0xba, 0xbe]) ||
    startsWith(firstBytes, 0, [0x23, 0x21])
  );
}

/**
 * A file name as people should see it: without control characters (they end up in the UI and in
 * logs) or formatting ones (a right-to-left override disguises `exe.pdf` as `fdp.exe`).
 */
export function withoutInvisibleCharacters(fileName: string): string {
  return fileName.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '').trim();
}
