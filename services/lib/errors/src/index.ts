export {
  DomainError,
  errorCodes,
  isDomainError,
  type ErrorCode,
  type FieldError,
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
