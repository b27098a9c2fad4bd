import {
  assertAllowedContent,
  ContentTypeNotAllowedError,
  looksExecutable,
  normalizeContentType,
  withoutInvisibleCharacters,
} from '@crm/object-storage';
import { HttpRefusal } from './http-refusal.js';

/** How much of an upload is read to recognise what it is. */
export const SNIFF_BYTES = 4096;

/**
 * What people attach to clients: documents, spreadsheets, images, mail and plain data. Markup
 * that a browser would run (HTML, SVG) and programs are not among them.
 */
export const attachmentContentTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'text/calendar',
  'text/vcard',
  'application/json',
  'application/rtf',
  'application/zip',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.ms-outlook',
  'message/rfc822',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  // What browsers send for a file type they do not know; the bytes are still checked.
  'application/octet-stream',
] as const;

/** Spreadsheet programs save CSV under several names. */
export const csvContentTypes = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/octet-stream',
] as const;

const executableExtensions = new Set([
  'app',
  'apk',
  'appimage',
  'bat',
  'bash',
  'cmd',
  'com',
  'cpl',
  'deb',
  'dll',
  'dmg',
  'exe',
  'hta',
  'jar',
  'js',
  'jse',
  'lnk',
  'msi',
  'msp',
  'pkg',
  'ps1',
  'psm1',
  'reg',
  'rpm',
  'run',
  'scf',
  'scr',
  'sh',
  'vbe',
  'vbs',
  'wsf',
  'wsh',
]);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/**
 * The name to keep: the last path segment (some browsers send `C:\fakepath\…`), without control
 * or formatting characters (a right-to-left override can disguise `exe.pdf` as `fdp.exe`).
 */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = withoutInvisibleCharacters(base);
  return [...clean].slice(0, 255).join('') || 'file';
}

/**
 * Refuses (415) programs, by name or content, and files whose declared type is not in `allowed`
 * or that the content contradicts. Returns the normalised content type to store.
 */
export function checkUploadContent(input: {
  fileName: string;
  declaredType: string;
  firstBytes: Uint8Array;
  allowed: readonly string[];
}): string {
  if (executableExtensions.has(extensionOf(input.fileName)) || looksExecutable(input.firstBytes)) {
    throw new HttpRefusal(415, 'Programs and scripts cannot be uploaded.', [
      { path: '/file', message: 'is a program or script' },
    ]);
  }
  const declaredType = input.declaredType || 'application/octet-stream';
  if (input.firstBytes.length === 0) {
    // An empty file has no content to contradict its type; the type must still be one we take.
    const contentType = normalizeContentType(declaredType);
    if (!input.allowed.includes(contentType)) {
      throw new HttpRefusal(415, `This file cannot be uploaded: ${contentType} is not taken.`, [
        { path: '/file', message: `${contentType} is not an allowed type` },
      ]);
    }
    return contentType;
  }
  try {
    return assertAllowedContent({
      declaredType,
      firstBytes: input.firstBytes,
      allowed: input.allowed,
    }).contentType;
  } catch (error) {
    if (error instanceof ContentTypeNotAllowedError) {
      throw new HttpRefusal(415, `This file cannot be uploaded: ${error.reason}.`, [
        { path: '/file', message: error.reason },
      ]);
    }
    throw error;
  }
}

/** RFC 6266: a plain ASCII `filename` for old clients and the exact name in `filename*`. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
