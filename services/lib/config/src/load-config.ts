import type { z } from 'zod';

/** Thrown when the environment does not satisfy a service's schema; names every offending variable. */
export class ConfigError extends Error {
  constructor(
    readonly service: string,
    readonly issues: ReadonlyArray<{ variable: string; message: string }>,
  ) {
    super(
      `${service}: invalid configuration\n` +
        issues.map((issue) => `  - ${issue.variable}: ${issue.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function formatConfigIssues(
  error: z.ZodError,
): Array<{ variable: string; message: string }> {
  return error.issues.map((issue) => ({
    variable: issue.path.map(String).join('.') || '(environment)',
    message: issue.message,
  }));
}

/**
 * Parses `env` with the service's schema. Values are never echoed back in the error, since
 * variables such as DATABASE_URL carry credentials.
 */
export function loadConfig<Schema extends z.ZodType>(
  service: string,
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.output<Schema> {
  const result = schema.safeParse(env);
  if (!result.success) throw new ConfigError(service, formatConfigIssues(result.error));
  return result.data;
}
