export { startCrm, type CrmRuntime, type StartOptions } from './runtime.js';
export { loadLauncherConfig, launcherEnvSchema, type LauncherConfig } from './config.js';
