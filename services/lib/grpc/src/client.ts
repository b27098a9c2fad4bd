import type { Metadata } from '@grpc/grpc-js';
import {
  credentials,
  type CallOptions as GrpcCallOptions,
  type Client,
  type ClientOptions,
  type ClientUnaryCall,
  type ChannelCredentials,
  type ServiceError,
} from '@grpc/grpc-js';
import { DomainError, fromServiceError, isServiceError } from '@crm/errors';
import { callerToMetadata, type Caller } from './caller.js';
import { injectTraceContext } from './trace-metadata.js';

export type UnaryMethod<Request, Response> = (
  request: Request,
  metadata: Metadata,
  options: Partial<GrpcCallOptions>,
  callback: (error: ServiceError | null, response: Response) => void,
) => ClientUnaryCall;

export interface CallOptions {
  /** The original caller, forwarded so the service authorises the person, not the gateway. */
  caller: Caller;
  deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 10_000;

/** The key each client signs its callers with (see caller.ts). */
const callerKeys = new WeakMap<Client, string>();

export function createGrpcClient<C extends Client>(
  ClientConstructor: new (
    address: string,
    credentials: ChannelCredentials,
    options?: Partial<ClientOptions>,
  ) => C,
  address: string,
  options: { callerKey: string },
): C {
  const client = new ClientConstructor(address, credentials.createInsecure(), {
    'grpc.keepalive_time_ms': 30_000,
    'grpc.enable_retries': 1,
    // With a `dns:///` target over a headless Service, spread calls over every replica.
    'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
  });
  callerKeys.set(client, options.callerKey);
  return client;
}

/**
 * One unary call with a deadline, the caller and trace context in metadata; failures come back as
 * the DomainError the service raised.
 */
export function callUnary<Request, Response>(
  client: Client,
  method: UnaryMethod<Request, Response>,
  request: Request,
  options: CallOptions,
): Promise<Response> {
  const key = callerKeys.get(client);
  if (key === undefined)
    throw new Error('gRPC clients must come from createGrpcClient, which holds the caller key');
  const metadata = callerToMetadata(options.caller, key);
  injectTraceContext(metadata);
  const deadline = new Date(Date.now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS));
  return new Promise<Response>((resolve, reject) => {
    method.call(client, request, metadata, { deadline }, (error, response) => {
      if (!error) return resolve(response);
      reject(
        isServiceError(error)
          ? fromServiceError(error)
          : new DomainError('internal', 'gRPC call failed', { cause: error }),
      );
    });
  });
}
