import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { version } from 'chdb';
import { acquireChdbSession, openExtraChdbConnection, type ChdbLease } from './chdb-sessions.js';
import { chdbClickHouseCode } from './chdb-errors.js';
import { clickHouseExceptionType } from './analytics-error.js';
import { exceptionCodeToHttpStatus } from './http-status.js';

export interface ChdbHttpFixtureOptions {
  dataPath: string;
  /** When set, requests must authenticate as this user (Basic auth, X-ClickHouse-* headers or URL). */
  username?: string;
  password?: string;
}

export interface ChdbHttpFixture {
  /** Base URL to give @clickhouse/client, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  close(): Promise<void>;
}

/** A ClickHouse exception as the server reports it: code, name and message. */
class FixtureException extends Error {
  constructor(
    readonly code: number,
    readonly type: string,
    message: string,
  ) {
    super(`Code: ${code}. DB::Exception: ${message}. (${type})`);
  }
}

interface QueryPlan {
  sql: string;
  format: string;
  database: string | undefined;
  params: Array<[string, string]>;
  settings: Array<[string, string]>;
}

interface QueryOutcome {
  body: Uint8Array;
  rowsRead: number;
  bytesRead: number;
  elapsedSeconds: number;
}

// URL parameters the HTTP layer consumes; every other non-`param_` parameter is a setting.
const transportParameters = new Set([
  'query',
  'query_id',
  'database',
  'default_format',
  'user',
  'password',
  'quota_key',
  'session_id',
  'session_timeout',
  'session_check',
  'compress',
  'decompress',
  'buffer_size',
  'wait_end_of_query',
  'role',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FORMAT_NAME = /^[A-Za-z0-9_]+$/;
const gunzipAsync = promisify(gunzip);
const engineVersion = version().libchdb.replaceAll('"', '');

/** A SQL string literal; backslash and quote escaped, NUL written as `\0` so it survives the C boundary. */
function quoteString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\0', '\\0')}'`;
}

function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
}

function credentials(request: IncomingMessage, url: URL): { user: string; password: string } {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Basic ')) {
    const decoded = Buffer.from(authorization.slice('Basic '.length), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0
      ? { user: decoded, password: '' }
      : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  const headerUser = request.headers['x-clickhouse-user'];
  const headerKey = request.headers['x-clickhouse-key'];
  return {
    user: (typeof headerUser === 'string' ? headerUser : url.searchParams.get('user')) ?? 'default',
    password: (typeof headerKey === 'string' ? headerKey : url.searchParams.get('password')) ?? '',
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  if (request.headers['content-type']?.startsWith('multipart/') === true) {
    throw new FixtureException(
      48,
      'NOT_IMPLEMENTED',
      'The fixture does not accept multipart query parameters',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const raw = Buffer.concat(chunks);
  const encoding = request.headers['content-encoding'];
  if (encoding === undefined || encoding === 'identity') return raw.toString('utf8');
  if (encoding === 'gzip') return (await gunzipAsync(raw)).toString('utf8');
  throw new FixtureException(
    48,
    'NOT_IMPLEMENTED',
    `The fixture does not decode Content-Encoding ${encoding}`,
  );
}

function planQuery(url: URL, body: string): QueryPlan {
  const queryParameter = url.searchParams.get('query') ?? '';
  // As the server does: the URL part and the body form one query, joined by a newline.
  const sql = queryParameter === '' ? body : `${queryParameter}\n${body}`;
  if (sql.trim() === '') throw new FixtureException(62, 'SYNTAX_ERROR', 'Empty query');
  const format = url.searchParams.get('default_format') ?? 'TabSeparated';
  if (!FORMAT_NAME.test(format))
    throw new FixtureException(73, 'UNKNOWN_FORMAT', `Unknown format ${format}`);
  const params: Array<[string, string]> = [];
  const settings: Array<[string, string]> = [];
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) {
      const name = key.slice('param_'.length);
      if (!IDENTIFIER.test(name)) {
        throw new FixtureException(
          457,
          'BAD_QUERY_PARAMETER',
          `Invalid query parameter name ${name}`,
        );
      }
      params.push([name, value]);
    } else if (!transportParameters.has(key)) {
      if (!IDENTIFIER.test(key))
        throw new FixtureException(115, 'UNKNOWN_SETTING', `Unknown setting ${key}`);
      settings.push([key, value]);
    }
  }
  return { sql, format, database: url.searchParams.get('database') ?? undefined, params, settings };
}

async function execute(lease: ChdbLease, plan: QueryPlan): Promise<QueryOutcome> {
  // A connection per request gives each request its own parameters, settings and current
  // database, as sessionless HTTP requests have on a real server.
  const session = openExtraChdbConnection(lease);
  try {
    const statements: string[] = [];
    if (plan.database !== undefined) statements.push(`USE ${quoteIdentifier(plan.database)}`);
    for (const [name, value] of plan.params)
      statements.push(`SET param_${name} = ${quoteString(value)}`);
    for (const [name, value] of plan.settings)
      statements.push(`SET ${name} = ${quoteString(value)}`);
    const result = await session.queryAsync([...statements, plan.sql].join(';\n'), {
      format: plan.format,
    });
    return {
      body: result.bytes(),
      rowsRead: result.rowsRead,
      bytesRead: result.bytesRead,
      elapsedSeconds: result.elapsed,
    };
  } finally {
    session.close();
  }
}

function sendException(response: ServerResponse, error: unknown, queryId: string | null): void {
  let code: number;
  let text: string;
  if (error instanceof FixtureException) {
    code = error.code;
    text = error.message;
  } else {
    const engineCode = chdbClickHouseCode(error);
    const message = error instanceof Error ? error.message : String(error);
    code = engineCode ?? 1001;
    text =
      engineCode === undefined ? `Code: 1001. DB::Exception: ${message}. (STD_EXCEPTION)` : message;
  }
  if (clickHouseExceptionType(text) === undefined) text += ' (UNKNOWN_EXCEPTION)';
  const body = `${text} (version ${engineVersion})\n`;
  response.writeHead(exceptionCodeToHttpStatus(code), {
    'Content-Type': 'text/plain; charset=UTF-8',
    'X-ClickHouse-Exception-Code': String(code),
    ...(queryId === null ? {} : { 'X-ClickHouse-Query-Id': queryId }),
  });
  response.end(body);
}

/**
 * A stand-in for a ClickHouse server, for testing the server adapter where none can be installed:
 * the subset of the HTTP interface @clickhouse/client uses (`/ping`, the query in the `query` URL
 * parameter and/or the body, `param_<name>`, `database`, `default_format`, settings as URL
 * parameters, gzip request bodies, Basic and X-ClickHouse-User/Key authentication) executed by
 * chdb, with the server's error body, `X-ClickHouse-Exception-Code` header and status codes.
 * Requests run one at a time. Unlike a server it accepts several statements in one query.
 */
export async function startChdbHttpFixture(
  options: ChdbHttpFixtureOptions,
): Promise<ChdbHttpFixture> {
  const lease = await acquireChdbSession(options.dataPath);
  let tail: Promise<unknown> = Promise.resolve();
  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fixture');
    if (url.pathname === '/ping') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' }).end('Ok.\n');
      return;
    }
    if (url.pathname !== '/') {
      response
        .writeHead(404, { 'Content-Type': 'text/plain; charset=UTF-8' })
        .end(`There is no handle ${url.pathname}\n\nUse / or /ping for health checks.\n`);
      return;
    }
    const queryId = url.searchParams.get('query_id');
    try {
      const body = await readBody(request);
      if (options.username !== undefined) {
        const given = credentials(request, url);
        if (given.user !== options.username || given.password !== (options.password ?? '')) {
          throw new FixtureException(
            516,
            'AUTHENTICATION_FAILED',
            `${given.user}: Authentication failed: password is incorrect, or there is no user with such name`,
          );
        }
      }
      if (request.method === 'GET' && body === '' && !url.searchParams.has('query')) {
        response.writeHead(200, { 'Content-Type': 'text/html; charset=UTF-8' }).end('Ok.\n');
        return;
      }
      const plan = planQuery(url, body);
      const outcome = await serialised(() => execute(lease, plan));
      response.writeHead(200, {
        'Content-Type': 'text/plain; charset=UTF-8',
        'X-ClickHouse-Summary': JSON.stringify({
          read_rows: String(outcome.rowsRead),
          read_bytes: String(outcome.bytesRead),
          elapsed_ns: String(Math.round(outcome.elapsedSeconds * 1e9)),
        }),
        ...(queryId === null ? {} : { 'X-ClickHouse-Query-Id': queryId }),
      });
      response.end(outcome.body);
    } catch (error) {
      sendException(response, error, queryId);
    }
  }

  // A real server accepts URLs up to 1 MiB; bound parameters ride in the URL.
  const server = createServer({ maxHeaderSize: 1024 * 1024 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendException(response, error, null);
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await lease.release();
    throw error;
  }
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the fixture is not listening on TCP');
  const { port } = address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await stopped;
        await tail;
        await lease.release();
      })();
      return closing;
    },
  };
}
