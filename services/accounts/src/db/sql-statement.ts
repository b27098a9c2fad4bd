import type { OrmEntityManager } from '@crm/db';

/** The service's schema, for statements that name its tables (`??.??`). */
export function schemaOf(em: OrmEntityManager): string {
  return em.config.get('schema') ?? 'accounts';
}

/** SQL text with `?` placeholders (`??` for identifiers) and the values bound to them, in order. */
export class Statement {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  /** Appends another statement, its placeholders and values included. */
  append(other: Statement): this {
    return this.add(other.sql, ...other.params);
  }

  get sql(): string {
    return this.parts.join(' ');
  }
}

/** `a and b and …` over the conditions given, or undefined when there are none. */
export function allOf(conditions: Statement[]): Statement | undefined {
  if (conditions.length === 0) return undefined;
  const statement = new Statement();
  conditions.forEach((condition, index) => {
    if (index > 0) statement.add('and');
    statement.add('(').append(condition).add(')');
  });
  return statement;
}

export type Row = Record<string, unknown>;
