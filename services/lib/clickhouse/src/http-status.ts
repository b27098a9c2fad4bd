// Exception codes grouped as the ClickHouse server's exceptionCodeToHTTPStatus groups them, so the
// fixture answers with the status a real server would.
const unauthorized = new Set([194]); // REQUIRED_PASSWORD
// UNKNOWN_USER, WRONG_PASSWORD, ACCESS_DENIED, SET_NON_GRANTED_ROLE, AUTHENTICATION_FAILED
const forbidden = new Set([192, 193, 497, 512, 516]);
// BAD_ARGUMENTS, CANNOT_PARSE_*, DUPLICATE_COLUMN, ILLEGAL_COLUMN, THERE_IS_NO_COLUMN, AST errors,
// SYNTAX_ERROR, INCORRECT_DATA, TYPE_MISMATCH, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE, CANNOT_COMPILE_REGEXP
const badRequest = new Set([
  6, 8, 15, 25, 26, 27, 36, 37, 38, 41, 44, 53, 62, 72, 117, 123, 167, 168, 223, 321, 376, 427, 441,
  675, 676,
]);
// UNKNOWN_TABLE, _FUNCTION, _IDENTIFIER, _TYPE, _STORAGE, _DATABASE, _SETTING, _DIRECTION_OF_SORTING,
// _AGGREGATE_FUNCTION, _FORMAT, _DATABASE_ENGINE, _TYPE_OF_QUERY, _ROLE
const notFound = new Set([60, 46, 47, 50, 56, 81, 115, 152, 63, 73, 336, 78, 511]);
const otherStatuses = new Map<number, number>([
  [229, 413], // QUERY_IS_TOO_LARGE
  [48, 501], // NOT_IMPLEMENTED
  [209, 503], // SOCKET_TIMEOUT
  [76, 503], // CANNOT_OPEN_FILE
  [439, 503], // CANNOT_SCHEDULE_TASK
  [381, 411], // HTTP_LENGTH_REQUIRED
  [159, 408], // TIMEOUT_EXCEEDED
  [779, 415], // UNSUPPORTED_MEDIA_TYPE
]);

/** The HTTP status ClickHouse answers with for an exception code. */
export function exceptionCodeToHttpStatus(code: number): number {
  if (unauthorized.has(code)) return 401;
  if (forbidden.has(code)) return 403;
  if (badRequest.has(code)) return 400;
  if (notFound.has(code)) return 404;
  return otherStatuses.get(code) ?? 500;
}
