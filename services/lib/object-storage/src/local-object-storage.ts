import { randomUUID } from 'node:crypto';
import { createWriteStream, type Dirent } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectNotFoundError } from './errors.js';
import { meterBody } from './metered-body.js';
import { assertValidObjectKey, assertValidObjectPrefix } from './object-key.js';
import type {
  ListObjectsOptions,
  ListObjectsPage,
  ObjectDownload,
  ObjectInfo,
  ObjectMetadata,
  ObjectStorage,
  ObjectSummary,
  PutObjectOptions,
  PutObjectResult,
} from './object-storage.js';
import { assertValidPutOptions } from './put-options.js';
import { decodeCursor, encodeCursor, pageLimit } from './paging.js';

/*
 * Layout: the object `a/b/report.pdf` is `<root>/a/b/report.pdf~data` with its sidecar
 * `<root>/a/b/report.pdf~meta.json`. Keys never contain `~`, so these names can collide neither
 * with directories (key `a` beside key `a/b`) nor with another key's files.
 */
const dataSuffix = '~data';
const metaSuffix = '~meta.json';
const tempPrefix = '.~tmp-';

interface Sidecar {
  contentType: string;
  metadata: ObjectMetadata;
  checksumSha256: string;
}

function isErrnoException(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

export function createLocalObjectStorage(options: { root: string }): ObjectStorage {
  const root = resolve(options.root);

  function pathsOf(key: string) {
    assertValidObjectKey(key);
    const base = resolve(root, ...key.split('/'));
    // Valid keys cannot escape the root; this guards the guarantee against a future grammar change.
    if (!base.startsWith(root + sep)) throw new Error(`key ${key} resolves outside the root`);
    return { data: base + dataSuffix, meta: base + metaSuffix, dir: dirname(base) };
  }

  async function readSidecar(path: string): Promise<Sidecar | undefined> {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as Sidecar;
    } catch (error) {
      if (isErrnoException(error, 'ENOENT')) return undefined;
      throw error;
    }
  }

  function infoOf(
    key: string,
    size: number,
    mtime: Date,
    sidecar: Sidecar | undefined,
  ): ObjectInfo {
    return {
      key,
      size,
      // A crash between the two renames of a put can leave bytes without their sidecar.
      contentType: sidecar?.contentType ?? 'application/octet-stream',
      metadata: { ...sidecar?.metadata },
      ...(sidecar ? { etag: sidecar.checksumSha256 } : {}),
      lastModified: mtime,
    };
  }

  async function put(
    key: string,
    body: Readable | Uint8Array,
    putOptions: PutObjectOptions,
  ): Promise<PutObjectResult> {
    const paths = pathsOf(key);
    assertValidPutOptions(key, putOptions);
    const metered = meterBody(key, body, putOptions);
    const tempData = join(paths.dir, `${tempPrefix}${randomUUID()}`);
    const tempMeta = `${tempData}${metaSuffix}`;
    try {
      await mkdir(paths.dir, { recursive: true });
      // `flush` syncs the bytes to disk before the rename below makes them visible.
      await pipeline(
        metered.stream,
        createWriteStream(tempData, { flags: 'wx', mode: 0o600, flush: true }),
      );
      const digest = metered.digest();
      const sidecar: Sidecar = {
        contentType: putOptions.contentType,
        metadata: { ...putOptions.metadata },
        checksumSha256: digest.checksumSha256,
      };
      await writeFile(tempMeta, JSON.stringify(sidecar), { mode: 0o600, flush: true });
      await rename(tempData, paths.data);
      await rename(tempMeta, paths.meta);
      return { key, ...digest, etag: digest.checksumSha256 };
    } catch (error) {
      metered.stream.destroy();
      await rm(tempData, { force: true });
      await rm(tempMeta, { force: true });
      throw metered.failure() ?? error;
    }
  }

  async function head(key: string): Promise<ObjectInfo> {
    const paths = pathsOf(key);
    try {
      const stats = await stat(paths.data);
      return infoOf(key, stats.size, stats.mtime, await readSidecar(paths.meta));
    } catch (error) {
      if (isErrnoException(error, 'ENOENT')) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async function get(key: string): Promise<ObjectDownload> {
    const paths = pathsOf(key);
    let handle;
    try {
      handle = await open(paths.data, 'r');
    } catch (error) {
      if (isErrnoException(error, 'ENOENT')) throw new ObjectNotFoundError(key);
      throw error;
    }
    try {
      // Size and bytes come from the one open file, even if a put replaces it meanwhile.
      const stats = await handle.stat();
      const info = infoOf(key, stats.size, stats.mtime, await readSidecar(paths.meta));
      return { ...info, body: handle.createReadStream() };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async function deleteObject(key: string): Promise<void> {
    const paths = pathsOf(key);
    await rm(paths.data, { force: true });
    await rm(paths.meta, { force: true });
  }

  async function collectKeys(dir: string, keyPrefix: string, namePrefix: string, into: string[]) {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isErrnoException(error, 'ENOENT') || isErrnoException(error, 'ENOTDIR')) return;
      throw error;
    }
    for (const entry of entries) {
      if (!entry.name.startsWith(namePrefix)) continue;
      if (entry.isDirectory()) {
        await collectKeys(join(dir, entry.name), `${keyPrefix}${entry.name}/`, '', into);
      } else if (entry.isFile() && entry.name.endsWith(dataSuffix)) {
        into.push(keyPrefix + entry.name.slice(0, -dataSuffix.length));
      }
    }
  }

  async function list(
    prefix: string,
    listOptions: ListObjectsOptions = {},
  ): Promise<ListObjectsPage> {
    assertValidObjectPrefix(prefix);
    const limit = pageLimit(listOptions.limit);
    const after = listOptions.cursor === undefined ? undefined : decodeCursor(listOptions.cursor);
    const cut = prefix.lastIndexOf('/') + 1;
    const dirKey = prefix.slice(0, cut);
    const keys: string[] = [];
    await collectKeys(resolve(root, ...dirKey.split('/')), dirKey, prefix.slice(cut), keys);
    // Plain code-unit order equals S3's UTF-8 byte order for the ASCII-only key grammar.
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const remaining = after === undefined ? keys : keys.filter((key) => key > after);
    const pageKeys = remaining.slice(0, limit);
    const objects: ObjectSummary[] = [];
    for (const key of pageKeys) {
      try {
        const stats = await stat(pathsOf(key).data);
        objects.push({ key, size: stats.size, lastModified: stats.mtime });
      } catch (error) {
        // Deleted since the directory was read.
        if (!isErrnoException(error, 'ENOENT')) throw error;
      }
    }
    const last = pageKeys.at(-1);
    return remaining.length > limit && last !== undefined
      ? { objects, nextCursor: encodeCursor(last) }
      : { objects };
  }

  return {
    kind: 'local',
    put,
    get,
    head,
    delete: deleteObject,
    list,
    close: async () => undefined,
  };
}
