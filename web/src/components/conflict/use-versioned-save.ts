import { useState } from 'react';
import type { z } from 'zod';
import { errorMessage } from '../../api/api-error.js';
import { conflictIn } from '../../api/problems.js';

export interface PendingConflict<T, P> {
  /** The change that was refused. */
  readonly patch: P;
  /** The record as the server holds it now, when it said. */
  readonly current: T | null;
  readonly currentVersion: number;
}

export interface VersionedSaveOptions<S extends z.ZodType<{ version: number }>, P> {
  /** The record as last read: its version goes with every change. */
  readonly record: z.output<S>;
  readonly schema: S;
  readonly update: (patch: P, version: number) => Promise<unknown>;
  /** Shows the server's current record (or loads it when the conflict did not carry it). */
  readonly reload: (current: z.output<S> | null) => void;
}

/**
 * Saves changes against the version last read. A stale one (409) does not fail the editor: it is
 * kept as a pending conflict the user resolves by reloading or by reapplying the change onto the
 * current version.
 */
export function useVersionedSave<S extends z.ZodType<{ version: number }>, P>({
  record,
  schema,
  update,
  reload,
}: VersionedSaveOptions<S, P>) {
  const [conflict, setConflict] = useState<PendingConflict<z.output<S>, P> | null>(null);
  const [reapplying, setReapplying] = useState(false);
  const [reapplyError, setReapplyError] = useState<string | null>(null);

  const attempt = async (patch: P, version: number) => {
    try {
      await update(patch, version);
      setConflict(null);
    } catch (error) {
      const found = conflictIn(error, schema);
      if (found === null) throw error;
      setConflict({ patch, ...found });
    }
  };

  return {
    conflict,
    reapplying,
    reapplyError,
    /** Saves `patch`; rejects with anything but a conflict (for the editor to show). */
    save: (patch: P) => attempt(patch, record.version),
    reload: () => {
      reload(conflict?.current ?? null);
      setConflict(null);
      setReapplyError(null);
    },
    reapply: async () => {
      if (conflict === null) return;
      setReapplying(true);
      setReapplyError(null);
      try {
        await attempt(conflict.patch, conflict.currentVersion);
      } catch (error) {
        setReapplyError(errorMessage(error));
      } finally {
        setReapplying(false);
      }
    },
  };
}
