export { importsHandlers, type ImportsHandlerDeps } from './imports-handlers.js';
export { startImportWorker, type ImportWorker, type ImportWorkerDeps } from './import-worker.js';
export { importsEnv, type ImportsConfig } from './imports-config.js';
export { importSubjects, decodeImportFinished } from './import-events.js';
export { importTargets } from './import-mapping.js';
export { IMPORT_OBJECT_PREFIX } from './import-file.js';
