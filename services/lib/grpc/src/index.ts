export { type Caller, callerSchema, callerToMetadata, callerFromMetadata } from './caller.js';
export {
  startGrpcServer,
  type GrpcServerHandle,
  type GrpcServerOptions,
  type ServiceRegistration,
} from './server.js';
export {
  implementService,
  type CallContext,
  type UnaryHandlers,
  type UnaryMethodDefinition,
  type CallObserver,
} from './handler.js';
export { createGrpcClient, callUnary, type CallOptions, type UnaryMethod } from './client.js';
export {
  checkHealth,
  createHealthClient,
  type HealthClient,
  type ServingStatus,
} from './health-client.js';
