import type { OrmEntityManager } from '@crm/db';
import type { SortValueKind } from '../domain/list-sort.js';
import { Statement, type Row } from './sql-statement.js';

/** Trigram similarity a fuzzy match needs (on words of a name, on a whole address or domain). */
const TRIGRAM_THRESHOLD = 0.3;

const SQL_TYPES: Record<SortValueKind, string> = {
  relevance: 'numeric',
  text: 'text',
  timestamp: 'timestamptz',
};

/**
 * The sort value as text a cursor can carry: timestamps in UTC with the database's microseconds,
 * so rows written in the same millisecond (bulk inserts) are neither skipped nor repeated.
 */
function sortKeySql(expression: string, kind: SortValueKind): string {
  return kind === 'timestamp'
    ? `to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : `(${expression})::text`;
}

export interface KeysetPageQuery {
  /** A `select` that yields `id` and the sort `column` (among others) for every row that matches. */
  rows: Statement;
  column: string;
  kind: SortValueKind;
  direction: 'asc' | 'desc';
  /** Where the previous page ended. */
  after?: { value: string; id: string } | undefined;
  limit: number;
  /** Search queries need the trigram settings (see `searchRows`). */
  search: boolean;
}

export interface KeysetPage {
  rows: Row[];
  /** The sort key and id of the last row, when there is a next page. */
  next: { value: string; id: string } | undefined;
}

/** One page in the order asked for, the id breaking ties; a row more than asked tells if more follow. */
export async function keysetPage(
  em: OrmEntityManager,
  query: KeysetPageQuery,
): Promise<KeysetPage> {
  const statement = new Statement()
    .add(`select a.*, ${sortKeySql(`a."${query.column}"`, query.kind)} as "sort_key" from (`)
    .append(query.rows)
    .add(') a');
  if (query.after) {
    const beyond = query.direction === 'desc' ? '<' : '>';
    statement.add(
      `where (a."${query.column}", a."id") ${beyond} (?::${SQL_TYPES[query.kind]}, ?::uuid)`,
      query.after.value,
      query.after.id,
    );
  }
  statement.add(
    `order by a."${query.column}" ${query.direction}, a."id" ${query.direction} limit ?`,
    query.limit + 1,
  );
  const rows = query.search
    ? await searchRows(em, statement)
    : await em.execute<Row[]>(statement.sql, statement.params);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    next:
      rows.length > query.limit && last
        ? { value: String(last.sort_key), id: String(last.id) }
        : undefined,
  };
}

/**
 * pg_trgm reads its thresholds from settings, so they are set for this one query's transaction.
 * The planner prices trigram operators as cheap and so prefers a sequential scan, which runs
 * them on every row: on 20,000 accounts ~150 ms against ~8 ms through the indexes.
 */
export function searchRows(em: OrmEntityManager, statement: Statement): Promise<Row[]> {
  return em.transactional(
    async (tx) => {
      await tx.execute(
        `select set_config('pg_trgm.word_similarity_threshold', ?, true),
                set_config('pg_trgm.similarity_threshold', ?, true),
                set_config('enable_seqscan', 'off', true)`,
        [String(TRIGRAM_THRESHOLD), String(TRIGRAM_THRESHOLD)],
      );
      return tx.execute<Row[]>(statement.sql, statement.params);
    },
    { readOnly: true },
  );
}

/** The row without the columns a page query adds, ready for `em.map`. */
export function entityColumns(row: Row): Row {
  const { sort_key: _sortKey, relevance: _relevance, ...columns } = row;
  return columns;
}
