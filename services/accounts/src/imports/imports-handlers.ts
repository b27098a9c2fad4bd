import { authorize } from '@crm/authz';
import type { Orm } from '@crm/db';
import { DomainError } from '@crm/errors';
import type { Caller, UnaryHandlers } from '@crm/grpc';
import { withoutInvisibleCharacters, type ObjectStorage } from '@crm/object-storage';
import { pageSize } from '@crm/paging';
import type { ImportsServiceService } from '@crm/proto/crm/accounts/v1/imports';
import type { SubjectType } from '@crm/proto/crm/accounts/v1/timeline';
import { actorOf } from '../commands/journal.js';
import { isUuid } from '../domain/ids.js';
import {
  decodeErrorCursor,
  decodeJobCursor,
  encodeErrorCursor,
  encodeJobCursor,
} from './import-cursors.js';
import { checkImportObjectKey, readHeader } from './import-file.js';
import {
  entityOf,
  toImportJobMessage,
  toRowErrorMessage,
  type ImportEntity,
  type ImportJobRow,
} from './import-job.js';
import { ImportJobRepository } from './import-job-repository.js';
import { resolveImportMapping, suggestImportMapping } from './import-mapping.js';
import { ImportSql } from './sql.js';

/** The entity an import request names; the unspecified one is a mistake. */
function requiredEntity(subject: SubjectType): ImportEntity {
  const entity = entityOf(subject);
  if (!entity) {
    throw DomainError.validation([{ path: '/entity', message: 'must be accounts or contacts' }]);
  }
  return entity;
}

export interface ImportsHandlerDeps {
  orm: Orm;
  /** Where the gateway stored the uploaded files. */
  storage: ObjectStorage;
  /** Wakes the local worker so a new job starts without waiting for its next poll. */
  onJobQueued?: () => void;
}

const FILE_NAME_MAX_LENGTH = 255;
// A header wider or longer than any real spreadsheet's is not one.
const MAX_COLUMNS = 500;
const COLUMN_NAME_MAX_LENGTH = 200;

/** `own` means the person who started the import. */
function mayAccess(caller: Caller, visibility: 'all' | 'team' | 'own', job: ImportJobRow): boolean {
  return visibility !== 'own' || (caller.kind === 'user' && job.createdBy === caller.userId);
}

function fileNameOf(requested: string, objectKey: string): string {
  // Cleaned as the gateway cleans upload names.
  const name = withoutInvisibleCharacters(requested) || objectKey.split('/').at(-1)!;
  if (name.length > FILE_NAME_MAX_LENGTH) {
    throw DomainError.validation([
      { path: '/fileName', message: `must be at most ${FILE_NAME_MAX_LENGTH} characters` },
    ]);
  }
  return name;
}

export function importsHandlers(
  deps: ImportsHandlerDeps,
): UnaryHandlers<typeof ImportsServiceService> {
  let repository: Promise<ImportJobRepository> | undefined;
  const jobs = () =>
    (repository ??= ImportSql.of(deps.orm).then((sql) => new ImportJobRepository(sql)));

  /** The job if the caller may see it; someone else's job does not exist for a manager. */
  async function visibleJob(
    caller: Caller,
    id: string,
    action: 'read' | 'undo',
  ): Promise<ImportJobRow> {
    const visibility = authorize(caller, 'imports', action);
    const job = isUuid(id) ? await (await jobs()).find(id) : undefined;
    if (!job || !mayAccess(caller, visibility, job)) throw DomainError.notFound('Import');
    return job;
  }

  async function withErrors(job: ImportJobRow) {
    return toImportJobMessage(job, await (await jobs()).firstErrors(job.id));
  }

  return {
    async startImport(request, call) {
      authorize(call.caller, 'imports', 'create');
      const entity = requiredEntity(request.entity);
      checkImportObjectKey(request.objectKey);
      const fileName = fileNameOf(request.fileName, request.objectKey);
      // Reading the header now turns a wrong mapping into an answer rather than a failed job.
      const header = await readHeader(deps.storage, request.objectKey);
      const mapping = resolveImportMapping(entity, header, request.mapping);
      const person = actorOf(call.caller);
      const job = await (
        await jobs()
      ).insert({
        entity,
        dryRun: request.dryRun,
        fileName,
        objectKey: request.objectKey,
        mapping,
        createdBy: person.userId,
        createdFrom: person.address,
      });
      deps.onJobQueued?.();
      call.logger.info({ importId: job.id, entity, dryRun: job.dryRun }, 'import queued');
      return { job: toImportJobMessage(job, []) };
    },

    async getImport(request, call) {
      return { job: await withErrors(await visibleJob(call.caller, request.id, 'read')) };
    },

    async listImports(request, call) {
      const visibility = authorize(call.caller, 'imports', 'read');
      const limit = pageSize(request.page?.limit ?? 0);
      const after = request.page?.cursor ? decodeJobCursor(request.page.cursor) : undefined;
      const rows = await (
        await jobs()
      ).list({
        // Managers see their own imports; internal callers and admins see every import.
        createdBy: visibility === 'own' ? actorOf(call.caller).userId : undefined,
        after,
        limit,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        jobs: page.map((job) => toImportJobMessage(job, [])),
        page: {
          nextCursor:
            rows.length > limit && last
              ? encodeJobCursor({ createdAt: last.createdAt, id: last.id })
              : '',
        },
      };
    },

    async undoImport(request, call) {
      const job = await visibleJob(call.caller, request.id, 'undo');
      if (job.dryRun) {
        throw new DomainError(
          'failed_precondition',
          'A dry run changed nothing, so there is nothing to undo.',
        );
      }
      const undoing = await (await jobs()).requestUndo(job.id, actorOf(call.caller));
      if (!undoing) {
        throw new DomainError(
          'failed_precondition',
          `Only a completed or failed import can be undone; this one is ${job.status}.`,
        );
      }
      deps.onJobQueued?.();
      call.logger.info({ importId: job.id }, 'import undo queued');
      return { job: await withErrors(undoing) };
    },

    async listImportErrors(request, call) {
      const job = await visibleJob(call.caller, request.id, 'read');
      const limit = pageSize(request.page?.limit ?? 0);
      const after = request.page?.cursor ? decodeErrorCursor(request.page.cursor) : undefined;
      const rows = await (await jobs()).errors(job.id, { after, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        errors: page.map(toRowErrorMessage),
        page: {
          nextCursor:
            rows.length > limit && last
              ? encodeErrorCursor({ row: Number(last.row), seq: last.seq })
              : '',
        },
      };
    },

    async suggestImportMapping(request, call) {
      // Advice for someone about to import: the same right as starting one.
      authorize(call.caller, 'imports', 'create');
      const entity = requiredEntity(request.entity);
      const problems = request.columns.flatMap((column, index) =>
        column.length > COLUMN_NAME_MAX_LENGTH
          ? [
              {
                path: `/columns/${index}`,
                message: `must be at most ${COLUMN_NAME_MAX_LENGTH} characters`,
              },
            ]
          : [],
      );
      if (request.columns.length > MAX_COLUMNS) {
        problems.push({ path: '/columns', message: `must be at most ${MAX_COLUMNS} columns` });
      }
      if (problems.length > 0) throw DomainError.validation(problems);
      return suggestImportMapping(entity, request.columns);
    },
  };
}
