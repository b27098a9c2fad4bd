export { loadConfig, ConfigError, formatConfigIssues } from './load-config.js';
export {
  commonEnv,
  booleanFromEnv,
  grpcTargetFromEnv,
  integerFromEnv,
  internalSecretFromEnv,
  portFromEnv,
  serviceEnv,
} from './common-env.js';
