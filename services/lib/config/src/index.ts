export { loadConfig, ConfigError, formatConfigIssues } from './load-config.js';
export { commonEnv, booleanFromEnv, portFromEnv } from './common-env.js';
