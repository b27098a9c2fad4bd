export { startCrm, type CrmRuntime } from './runtime.js';
export { loadLauncherConfig, launcherEnvSchema, type LauncherConfig } from './config.js';
