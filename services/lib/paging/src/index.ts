export {
  encodeKeysetCursor,
  decodeKeysetCursor,
  invalidCursor,
  isExactTimestamp,
  pageSize,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type KeysetCursor,
} from './keyset.js';
