export { StopStack } from './stop-stack.js';
export { runMain, stopOnSignals } from './process.js';
export { runServiceMain, type ServiceDeps } from './service-main.js';
export {
  startServiceCore,
  grpcService,
  type GrpcServiceSpec,
  type ServiceCoreGrpcService,
  type ServiceCore,
  type ServiceCoreConfig,
  type ServiceCoreDeps,
  type ServiceCoreHandle,
} from './service-core.js';
