import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Exception,
  type Link,
  type Span,
} from '@opentelemetry/api';

export interface WithSpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context, e.g. from `extractContext`; the active context when omitted. */
  parent?: Context;
  links?: Link[];
}

/**
 * Runs `fn` inside a new active span. A throw or rejection is recorded on the span, sets its status
 * to ERROR and is rethrown unchanged; the span always ends.
 */
export async function withSpan<T>(
  tracerName: string,
  spanName: string,
  options: WithSpanOptions,
  fn: (span: Span) => T | Promise<T>,
): Promise<T> {
  const tracer = trace.getTracer(tracerName);
  const parent = options.parent ?? context.active();
  return tracer.startActiveSpan(
    spanName,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: options.attributes ?? {},
      links: options.links ?? [],
    },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        span.recordException(toException(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

function toException(error: unknown): Exception {
  return error instanceof Error ? error : String(error);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
