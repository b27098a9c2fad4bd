export { createTestDatabase, type TestDatabase } from './test-database.js';
export { uniqueName, waitFor, TEST_INTERNAL_SECRET } from './helpers.js';
export { quietLogger, captureLogger } from './loggers.js';
export { testNatsUrl } from './test-nats.js';
