import { CsvSyntaxError, pickFields, type CsvResolvedColumn } from '@crm/csv';
import type { Orm } from '@crm/db';
import type { Logger } from '@crm/logging';
import { ObjectNotFoundError, type ObjectStorage } from '@crm/object-storage';
import { AccountImporter } from './account-importer.js';
import { ContactImporter } from './contact-importer.js';
import type { EntityImporter, ImportRow } from './entity-importer.js';
import { finishJob } from './import-completion.js';
import { fileRecords } from './import-file.js';
import { ImportJobRepository, type ClaimedJob } from './import-job-repository.js';
import { mappedColumns } from './import-mapping.js';
import { ImportSql, isDataError } from './sql.js';

export interface ImportWorkerDeps {
  orm: Orm;
  /** Where the gateway stored the uploaded files. */
  storage: ObjectStorage;
  logger: Logger;
  /** Wakes the outbox relay after a job's ImportFinished event commits. */
  notifyOutbox: () => void;
  /** Rows per transaction (default 2000). */
  batchSize?: number;
  /** How often an idle worker looks for jobs queued elsewhere (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long a job stays with a worker that stops renewing its claim (default 60 s). */
  leaseMs?: number;
  /** Claims a job may use before it is failed, so a file that kills its worker does not loop. */
  maxAttempts?: number;
}

export interface ImportWorker {
  /** Looks for work now instead of at the next poll. */
  wake(): void;
  /** Stops after the batch in progress; the job it held continues at once elsewhere or later. */
  stop(): Promise<void>;
}

/** A problem with the job itself, told to its owner as the failure; the job stops. */
class JobFailure extends Error {}

/** Another worker holds the job now: stop without writing anything more. */
class LeaseLost extends Error {}

/**
 * Runs import and undo jobs, one at a time per process, from any replica: a job is claimed with
 * `for update skip locked` and held by a lease each batch renews (a timer renews it too while a
 * batch is slow). Every batch commits its rows, undo log, errors and progress in one transaction,
 * so a job whose worker died is resumed where its last batch ended once the lease expires.
 */
export function startImportWorker(deps: ImportWorkerDeps): ImportWorker {
  const worker = new Worker(deps);
  worker.start();
  return worker;
}

class Worker implements ImportWorker {
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private running = false;
  /** Aborted by `stop()`: ends a read that waits on a slow upload. */
  private readonly stopController = new AbortController();
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private wakeRequested = false;

  constructor(private readonly deps: ImportWorkerDeps) {
    this.logger = deps.logger.child({ component: 'import-worker' });
    this.batchSize = deps.batchSize ?? 2000;
    this.pollIntervalMs = deps.pollIntervalMs ?? 1000;
    this.leaseMs = deps.leaseMs ?? 60_000;
    this.maxAttempts = deps.maxAttempts ?? 3;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopController.abort(new Error('the import worker is stopping'));
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let sql: ImportSql | undefined;
    while (this.running) {
      this.wakeRequested = false;
      let claimed: ClaimedJob | undefined;
      try {
        sql ??= await ImportSql.of(this.deps.orm);
        claimed = await new ImportJobRepository(sql).claim(this.leaseMs);
      } catch (error) {
        this.logger.error({ err: error }, 'looking for import jobs failed');
      }
      if (!claimed) {
        await this.sleep();
        continue;
      }
      try {
        await new JobRun(this, sql!, claimed).run();
      } catch (error) {
        // Not even the job's failure could be recorded (the database is away): its lease runs
        // out and a worker takes it up again.
        this.logger.error(
          { err: error, importId: claimed.job.id },
          'an import job could not be settled',
        );
        await this.sleep();
      }
    }
  }

  private sleep(): Promise<void> {
    if (!this.running || this.wakeRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wakeUp = done;
    });
  }

  get stopping(): boolean {
    return !this.running;
  }

  get signal(): AbortSignal {
    return this.stopController.signal;
  }

  get settings() {
    return {
      deps: this.deps,
      logger: this.logger,
      batchSize: this.batchSize,
      leaseMs: this.leaseMs,
      maxAttempts: this.maxAttempts,
    };
  }
}

/** One claim of one job, from the claim to finishing, failing or handing the job back. */
class JobRun {
  private readonly logger: Logger;
  private lost = false;

  private readonly jobs: ImportJobRepository;
  private readonly importer: EntityImporter;

  constructor(
    private readonly worker: Worker,
    private readonly sql: ImportSql,
    private readonly claimed: ClaimedJob,
  ) {
    this.logger = worker.settings.logger.child({ importId: claimed.job.id });
    this.jobs = new ImportJobRepository(sql);
    this.importer =
      claimed.job.entity === 'accounts'
        ? new AccountImporter(sql.tables)
        : new ContactImporter(sql.tables);
  }

  async run(): Promise<void> {
    const { job } = this.claimed;
    const { maxAttempts, leaseMs, deps } = this.worker.settings;
    if (job.attempts > maxAttempts) {
      await this.fail(`The job was interrupted ${maxAttempts} times without finishing.`);
      return;
    }
    const heartbeat = setInterval(() => void this.renewLease(), leaseMs / 3);
    try {
      const done = job.status === 'undoing' ? await this.undo() : await this.import();
      if (done) {
        deps.notifyOutbox();
        this.logger.info(
          { status: job.status === 'undoing' ? 'undone' : 'completed' },
          'import job finished',
        );
      } else {
        await this.jobs.release(this.claimed, { countAttempt: false });
      }
    } catch (error) {
      if (error instanceof LeaseLost) {
        this.logger.warn('another worker took the import job over');
      } else if (error instanceof JobFailure) {
        await this.fail(error.message);
      } else if (job.attempts >= maxAttempts) {
        this.logger.error({ err: error }, 'import job failed');
        await this.fail(
          'The job stopped on an unexpected error; the accounts service log has the details.',
        );
      } else {
        // Transient trouble (a lost connection): another claim retries from the last batch.
        this.logger.warn({ err: error }, 'import job interrupted; it will be retried');
        await this.jobs
          .release(this.claimed, { countAttempt: true })
          .catch((releaseError: unknown) =>
            this.logger.error({ err: releaseError }, 'handing an import job back failed'),
          );
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Streams the file from where the last committed batch ended; false when stopped part-way. */
  private async import(): Promise<boolean> {
    const { job } = this.claimed;
    const { deps, batchSize } = this.worker.settings;
    const resumeAfter = Number(job.processedRows);
    let columns: CsvResolvedColumn[] | undefined;
    let row = 0;
    let batch: ImportRow[] = [];
    try {
      for await (const { record } of fileRecords(deps.storage, job.objectKey, this.worker.signal)) {
        if (!columns) {
          columns = this.columnsOf(record);
          continue;
        }
        row += 1;
        if (row <= resumeAfter) continue;
        batch.push({ row, cells: pickFields(columns, record) });
        if (batch.length >= batchSize) {
          await this.commit(batch);
          batch = [];
          if (this.worker.stopping) return false;
        }
      }
    } catch (error) {
      // Stopping ends the read; the rows read since the last batch are read again on resume.
      if (this.worker.stopping) return false;
      if (error instanceof CsvSyntaxError) {
        throw new JobFailure(`The file is not valid CSV: ${error.message}.`);
      }
      if (error instanceof ObjectNotFoundError) {
        throw new JobFailure('The uploaded file is no longer in storage; upload it again.');
      }
      throw error;
    }
    if (!columns) throw new JobFailure('The file is empty.');
    if (batch.length > 0) await this.commit(batch);
    const finished = await finishJob(deps.orm, this.sql.tables, this.claimed, {
      status: 'completed',
      totalRows: row,
    });
    if (!finished) throw new LeaseLost();
    await this.removeFile();
    return true;
  }

  private columnsOf(header: readonly string[]): CsvResolvedColumn[] {
    const { job } = this.claimed;
    try {
      return mappedColumns(job.entity, header, job.mapping);
    } catch {
      throw new JobFailure('The file no longer has the columns the mapping names.');
    }
  }

  /**
   * One transaction for the batch. When the database refuses a row the checks let through, the
   * batch is rolled back and its rows are committed one by one, so only that row is left out.
   */
  private async commit(rows: readonly ImportRow[]): Promise<void> {
    try {
      await this.commitRows(rows);
    } catch (error) {
      if (!isDataError(error)) throw error;
      for (const row of rows) {
        try {
          await this.commitRows([row]);
        } catch (rowError) {
          if (!isDataError(rowError)) throw rowError;
          await this.record({ processed: 1, created: 0, updated: 0, unchanged: 0, errors: 1 }, [
            { row: row.row, field: '', message: `could not be saved: ${rowError.message}` },
          ]);
        }
      }
    }
  }

  private async commitRows(rows: readonly ImportRow[]): Promise<void> {
    if (this.lost) throw new LeaseLost();
    await this.sql.transaction(async (tx) => {
      const outcome = await this.importer.importBatch(tx, this.claimed.job, rows);
      if (
        !(await this.jobs.recordBatch(
          tx,
          this.claimed,
          outcome.progress,
          outcome.errors,
          this.worker.settings.leaseMs,
        ))
      ) {
        throw new LeaseLost();
      }
    });
  }

  private async record(
    progress: Parameters<ImportJobRepository['recordBatch']>[2],
    errors: Parameters<ImportJobRepository['recordBatch']>[3],
  ): Promise<void> {
    await this.sql.transaction(async (tx) => {
      if (
        !(await this.jobs.recordBatch(
          tx,
          this.claimed,
          progress,
          errors,
          this.worker.settings.leaseMs,
        ))
      ) {
        throw new LeaseLost();
      }
    });
  }

  /** Reverts the job's undo log a batch at a time; false when stopped part-way. */
  private async undo(): Promise<boolean> {
    const { deps, batchSize, leaseMs } = this.worker.settings;
    for (;;) {
      if (this.lost) throw new LeaseLost();
      const outcome = await this.sql.transaction(async (tx) => {
        const result = await this.importer.undoBatch(tx, this.claimed.job, batchSize);
        if (!(await this.jobs.recordUndoBatch(tx, this.claimed, result.skipped, leaseMs))) {
          throw new LeaseLost();
        }
        return result;
      });
      if (outcome.handled < batchSize) break;
      if (this.worker.stopping) return false;
    }
    const finished = await finishJob(deps.orm, this.sql.tables, this.claimed, { status: 'undone' });
    if (!finished) throw new LeaseLost();
    return true;
  }

  private async renewLease(): Promise<void> {
    try {
      if (!(await this.jobs.renewLease(this.sql, this.claimed, this.worker.settings.leaseMs)))
        this.lost = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'renewing an import job lease failed');
    }
  }

  private async fail(failure: string): Promise<void> {
    this.logger.warn({ failure }, 'import job failed');
    await this.jobs.fail(this.claimed, failure);
    if (this.claimed.job.status !== 'undoing') await this.removeFile();
  }

  /** The upload only feeds the job; an undo works from the undo log. */
  private async removeFile(): Promise<void> {
    try {
      await this.worker.settings.deps.storage.delete(this.claimed.job.objectKey);
    } catch (error) {
      this.logger.warn({ err: error }, 'deleting an imported file failed');
    }
  }
}
