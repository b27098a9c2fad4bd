import type { LogContext, Logger as OrmLogger, LoggerNamespace } from '@mikro-orm/core';
import type { Logger } from '@crm/logging';

type Level = 'debug' | 'warn' | 'error';

/**
 * Everything but `query-params`: with that namespace on, MikroORM inlines bound values (user data,
 * password hashes, tokens) into the logged SQL.
 */
export const ORM_LOG_NAMESPACES: LoggerNamespace[] = [
  'query',
  'schema',
  'discovery',
  'info',
  'deprecated',
];

/**
 * Routes MikroORM's output to pino: routine output (queries, discovery, migrator) at debug,
 * slow queries and deprecations at warn, errors at error.
 */
export class PinoOrmLogger implements OrmLogger {
  constructor(
    private readonly logger: Logger,
    private debugMode: boolean | LoggerNamespace[] = ORM_LOG_NAMESPACES,
  ) {}

  log(namespace: string, message: string, context?: LogContext): void {
    if (!this.isEnabled(namespace as LoggerNamespace, context)) return;
    this.write(levelOf(namespace, context), { namespace, label: context?.label }, message);
  }

  error(namespace: string, message: string, context?: LogContext): void {
    this.log(namespace, message, { ...context, level: 'error', enabled: true });
  }

  warn(namespace: string, message: string, context?: LogContext): void {
    this.log(namespace, message, { ...context, level: 'warning', enabled: true });
  }

  logQuery(context: LogContext): void {
    const namespace = context.namespace ?? 'query';
    if (!this.isEnabled(namespace, context)) return;
    const fields = {
      namespace,
      label: context.label,
      query: context.query,
      took: context.took,
      results: context.results,
      affected: context.affected,
    };
    this.write(
      levelOf(namespace, context),
      fields,
      namespace === 'slow-query' ? 'slow query' : 'query',
    );
  }

  setDebugMode(debugMode: boolean | LoggerNamespace[]): void {
    this.debugMode = debugMode;
  }

  isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    if (context?.enabled !== undefined) return context.enabled;
    // Skip building debug lines nobody will see.
    if (!this.logger.isLevelEnabled('debug')) return false;
    const mode = context?.debugMode ?? this.debugMode;
    return Array.isArray(mode) ? mode.includes(namespace) : mode;
  }

  private write(level: Level, fields: Record<string, unknown>, message: string): void {
    this.logger[level](fields, message);
  }
}

function levelOf(namespace: string, context?: LogContext): Level {
  if (context?.level === 'error') return 'error';
  if (context?.level === 'warning' || namespace === 'slow-query' || namespace === 'deprecated')
    return 'warn';
  return 'debug';
}
