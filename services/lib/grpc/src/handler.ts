import type { Metadata, ServerUnaryCall, handleUnaryCall, sendUnaryData } from '@grpc/grpc-js';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { DomainError, isDomainError, toServiceError, type ErrorCode } from '@crm/errors';
import type { Logger } from '@crm/logging';
import { callerFromMetadata, type Caller } from './caller.js';
import { extractTraceContext } from './trace-metadata.js';

export interface CallContext {
  caller: Caller;
  metadata: Metadata;
  logger: Logger;
  /** Aborted when the client cancels or its deadline passes. */
  signal: AbortSignal;
}

/** Observes every completed call, e.g. to record metrics. */
export type CallObserver = (call: {
  method: string;
  code: ErrorCode | 'ok';
  durationMs: number;
}) => void;

export interface UnaryMethodDefinition {
  path: string;
  requestStream: false;
  responseStream: false;
  requestDeserialize: (bytes: Buffer) => unknown;
  responseSerialize: (value: never) => Buffer;
}

type RequestOf<M> = M extends { requestDeserialize: (bytes: Buffer) => infer Req } ? Req : never;
type ResponseOf<M> = M extends { responseSerialize: (value: infer Res) => Buffer } ? Res : never;

/** Plain async functions per RPC, typed from the ts-proto service definition. */
export type UnaryHandlers<Definition> = {
  [Method in keyof Definition]: (
    request: RequestOf<Definition[Method]>,
    call: CallContext,
  ) => Promise<ResponseOf<Definition[Method]>>;
};

/**
 * Adapts async handlers to grpc-js: continues the caller's trace, exposes the original caller,
 * and turns every thrown error into a status through the one domain→gRPC mapping. Unexpected
 * errors are logged here and leave as INTERNAL without their message.
 */
export function implementService<Definition extends Record<string, UnaryMethodDefinition>>(
  definition: Definition,
  handlers: UnaryHandlers<Definition>,
  options: { logger: Logger; callerKey: string; observe?: CallObserver | undefined },
): Record<string, handleUnaryCall<unknown, unknown>> {
  const tracer = trace.getTracer('@crm/grpc');
  const implementation: Record<string, handleUnaryCall<unknown, unknown>> = {};
  for (const name of Object.keys(definition) as Array<keyof Definition & string>) {
    const method = definition[name]!.path;
    const handler = handlers[name] as (request: unknown, call: CallContext) => Promise<unknown>;
    implementation[name] = (
      call: ServerUnaryCall<unknown, unknown>,
      callback: sendUnaryData<unknown>,
    ) => {
      const started = performance.now();
      const controller = new AbortController();
      call.on('cancelled', () => controller.abort());
      const parent = extractTraceContext(call.metadata);
      const span = tracer.startSpan(
        method,
        { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.method': method } },
        parent,
      );
      const logger = options.logger.child({ rpc: method });
      const finish = (code: ErrorCode | 'ok') => {
        span.setAttribute('crm.result', code);
        span.end();
        options.observe?.({ method, code, durationMs: performance.now() - started });
      };
      context.with(trace.setSpan(parent, span), () => {
        const callContext: CallContext = {
          caller: callerFromMetadata(call.metadata, options.callerKey),
          metadata: call.metadata,
          logger,
          signal: controller.signal,
        };
        handler(call.request, callContext).then(
          (response) => {
            finish('ok');
            callback(null, response);
          },
          (error: unknown) => {
            const domainError = isDomainError(error)
              ? error
              : new DomainError('internal', 'Internal error', { cause: error });
            if (domainError.code === 'internal') {
              logger.error({ err: error }, 'unexpected error in gRPC handler');
              span.recordException(error instanceof Error ? error : String(error));
              span.setStatus({ code: SpanStatusCode.ERROR });
            }
            finish(domainError.code);
            callback(toServiceError(domainError), null);
          },
        );
      });
    };
  }
  return implementation;
}
