import { Metadata, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import {
  DomainError,
  errorCodes,
  isProblemType,
  jsonBytes,
  EXTENSIONS_MAX_BYTES,
  FIELD_ERRORS_MAX_BYTES,
  type ErrorCode,
  type FieldError,
  type JsonObject,
} from './domain-error.js';
import { errorCodeForGrpcStatus, genericDetailFor, grpcStatusFor } from './error-mapping.js';

/** Trailers that carry the precise domain error across a gRPC hop (status codes alone are lossy). */
const ERROR_CODE_KEY = 'crm-error-code';
const FIELD_ERRORS_KEY = 'crm-field-errors-bin';
const RETRY_AFTER_KEY = 'crm-retry-after';
const PROBLEM_TYPE_KEY = 'crm-problem-type';
const EXTENSIONS_KEY = 'crm-error-extensions-bin';

export type GrpcErrorStatus = Partial<StatusObject> & {
  code: number;
  details: string;
  metadata: Metadata;
};

/**
 * Internal errors keep their message out of the wire: callers get a generic detail and the
 * service logs the cause.
 */
export function toServiceError(error: DomainError): GrpcErrorStatus {
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_KEY, error.code);
  if (error.retryAfterSeconds !== undefined)
    metadata.set(RETRY_AFTER_KEY, String(error.retryAfterSeconds));
  const fieldErrors = fittingFieldErrors(error.fieldErrors);
  if (fieldErrors) metadata.set(FIELD_ERRORS_KEY, fieldErrors);
  if (error.problemType !== undefined) metadata.set(PROBLEM_TYPE_KEY, error.problemType);
  const extensions = fittingExtensions(error.extensions);
  if (extensions) metadata.set(EXTENSIONS_KEY, extensions);
  const details = error.code === 'internal' ? 'Internal error' : error.message;
  return { code: grpcStatusFor(error.code), details, metadata };
}

export function isServiceError(error: unknown): error is ServiceError {
  return (
    error instanceof Error &&
    typeof (error as Partial<ServiceError>).code === 'number' &&
    'metadata' in error
  );
}

function parseFieldErrors(raw: unknown): FieldError[] {
  if (!Buffer.isBuffer(raw)) return [];
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (item): item is FieldError =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as FieldError).path === 'string' &&
        typeof (item as FieldError).message === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * The field errors as trailer bytes, within FIELD_ERRORS_MAX_BYTES: the first ones that fit, and
 * at least the first, its message shortened when it alone is too large.
 */
function fittingFieldErrors(fieldErrors: readonly FieldError[]): Buffer | undefined {
  const [first] = fieldErrors;
  if (first === undefined) return undefined;
  const kept: FieldError[] = [];
  // The brackets of the array, then each error and its comma.
  let bytes = 2;
  for (const fieldError of fieldErrors) {
    bytes += jsonBytes({ ...fieldError }) + (kept.length > 0 ? 1 : 0);
    if (bytes > FIELD_ERRORS_MAX_BYTES) break;
    kept.push(fieldError);
  }
  if (kept.length === 0) kept.push(shortened(first));
  return Buffer.from(JSON.stringify(kept), 'utf8');
}

/** The error with as much of its message as fits the trailer on its own. */
function shortened(fieldError: FieldError): FieldError {
  const characters = Array.from(fieldError.message);
  const fits = (length: number) =>
    jsonBytes([{ path: fieldError.path, message: `${characters.slice(0, length).join('')}…` }]) <=
    FIELD_ERRORS_MAX_BYTES;
  // The longest start of the message that fits, by bisection.
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return { path: fieldError.path, message: `${characters.slice(0, low).join('')}…` };
}

/**
 * The extensions as trailer bytes, within EXTENSIONS_MAX_BYTES: when they are too large, the
 * largest members are left out (a conflict keeps `currentVersion` even if `current` is too big).
 */
function fittingExtensions(extensions: Readonly<JsonObject>): Buffer | undefined {
  const members = Object.entries(extensions)
    .map(([name, value]) => ({ name, value, bytes: jsonBytes(value) }))
    .sort((a, b) => a.bytes - b.bytes);
  const kept: JsonObject = {};
  for (const member of members) {
    kept[member.name] = member.value;
    if (jsonBytes(kept) > EXTENSIONS_MAX_BYTES) {
      delete kept[member.name];
      break;
    }
  }
  return Object.keys(kept).length > 0 ? Buffer.from(JSON.stringify(kept), 'utf8') : undefined;
}

function parseExtensions(raw: unknown): JsonObject {
  if (!Buffer.isBuffer(raw)) return {};
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    // JSON.parse only yields JSON values, so an object here is a JsonObject.
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as JsonObject)
      : {};
  } catch {
    return {};
  }
}

/** Rebuilds the DomainError a downstream service raised, from the status and trailers it sent. */
export function fromServiceError(error: ServiceError): DomainError {
  const metadata = error.metadata ?? new Metadata();
  const [rawCode] = metadata.get(ERROR_CODE_KEY);
  const fromService =
    typeof rawCode === 'string' && (errorCodes as readonly string[]).includes(rawCode);
  const code: ErrorCode = fromService ? (rawCode as ErrorCode) : errorCodeForGrpcStatus(error.code);
  const [rawFields] = metadata.get(FIELD_ERRORS_KEY);
  // A status without our trailer was raised by grpc-js (connection refused, deadline, …): its text
  // names addresses and internals, so callers get the generic detail and the cause keeps the rest.
  const message = fromService ? error.details || genericDetailFor(code) : genericDetailFor(code);
  const [rawRetryAfter] = metadata.get(RETRY_AFTER_KEY);
  const retryAfterSeconds =
    typeof rawRetryAfter === 'string' && /^\d+$/.test(rawRetryAfter)
      ? Number(rawRetryAfter)
      : undefined;
  const [rawProblemType] = metadata.get(PROBLEM_TYPE_KEY);
  const problemType =
    typeof rawProblemType === 'string' && isProblemType(rawProblemType)
      ? rawProblemType
      : undefined;
  const [rawExtensions] = metadata.get(EXTENSIONS_KEY);
  return new DomainError(code, message, {
    fieldErrors: parseFieldErrors(rawFields),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    ...(problemType === undefined ? {} : { problemType }),
    extensions: parseExtensions(rawExtensions),
    cause: error,
  });
}
