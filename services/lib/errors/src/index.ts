export {
  DomainError,
  errorCodes,
  isDomainError,
  isProblemType,
  EXTENSIONS_MAX_BYTES,
  type ErrorCode,
  type FieldError,
  type JsonObject,
  type JsonValue,
} from './domain-error.js';
export {
  grpcStatusFor,
  errorCodeForGrpcStatus,
  genericDetailFor,
  httpStatusFor,
  titleFor,
} from './error-mapping.js';
export { toServiceError, fromServiceError, isServiceError } from './grpc-transport.js';
export { toProblem, problemContentType, type Problem } from './problem.js';
