/** Misuse or misconfiguration of telemetry (e.g. another tracer provider already owns the globals). */
export class TelemetryError extends Error {
  override readonly name = 'TelemetryError';
}
