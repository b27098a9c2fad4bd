import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import type { Headers, InboundMessage } from './types.js';

const tracer = trace.getTracer('@crm/bus');

/** Writes the active trace context (W3C `traceparent`/`tracestate` with the default propagator). */
export function injectTraceHeaders(
  headers: Record<string, string>,
  ctx: Context = context.active(),
): void {
  propagation.inject(ctx, headers);
}

export function extractTraceContext(headers: Headers): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Runs `fn` inside a span of `kind`, recording a thrown error on it before rethrowing. */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: Record<string, string | number>,
  fn: (span: Span) => Promise<T>,
  options: { parent?: Context; links?: Link[] } = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer.startSpan(name, { kind, attributes, links: options.links ?? [] }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    if (error instanceof Error) span.recordException(error);
    throw error;
  } finally {
    span.end();
  }
}

/**
 * The parent of a publish: a trace context the caller carries in the headers (the outbox stores
 * the writing request's context with the row) wins over whatever is active while publishing.
 */
export function publishParent(headers: Headers | undefined): Context {
  return headers?.['traceparent']
    ? propagation.extract(context.active(), headers)
    : context.active();
}

/** Runs per-message work inside a CONSUMER span that continues the publisher's trace. */
export function withMessageSpan<T>(message: InboundMessage, fn: () => Promise<T> | T): Promise<T> {
  return inSpan(
    `process ${message.subject}`,
    SpanKind.CONSUMER,
    {
      'messaging.system': 'nats',
      'messaging.destination.name': message.subject,
      'messaging.message.id': message.msgId ?? String(message.seq),
    },
    async () => fn(),
    { parent: message.context },
  );
}

export { SpanKind };

export const MSG_ID_HEADER = 'Nats-Msg-Id';

/** Caller headers plus the active trace context and, when given, the de-duplication id. */
export function outgoingHeaders(base: Headers | undefined, msgId?: string): Record<string, string> {
  const headers: Record<string, string> = { ...base };
  injectTraceHeaders(headers);
  if (msgId !== undefined) headers[MSG_ID_HEADER] = msgId;
  return headers;
}
