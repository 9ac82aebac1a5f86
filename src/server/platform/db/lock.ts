import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

/**
 * PGlite keeps its data in one directory that only one process may open: two processes silently
 * lose writes. The lock file names the owning process id; a lock left by a dead process is taken over.
 */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  readonly lockFile: string;
  readonly ownerPid: number;
  constructor(lockFile: string, ownerPid: number) {
    super(
      `The data directory is in use by another Tsunagari process (pid ${ownerPid}).\n` +
        `データディレクトリは別の Tsunagari（プロセス ${ownerPid}）が使用中です。\n` +
        `Stop that process first, or start this one with another DATA_DIR. Lock file: ${lockFile}`,
    );
    this.lockFile = lockFile;
    this.ownerPid = ownerPid;
  }
}

/** Whether a process with this id runs (ours or another user's). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDirLock(lockFile: string): { release(): void } {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // A process that opens and closes data directories many times (a test worker) keeps no
        // listener per closed one.
        process.off('exit', release);
        try {
          if (readFileSync(lockFile, 'utf8').trim() === String(process.pid)) unlinkSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = Number.NaN;
      try {
        owner = Number.parseInt(readFileSync(lockFile, 'utf8').trim(), 10);
      } catch {
        continue; // Removed between our open and read: try again.
      }
      if (owner === process.pid) throw new DataDirLockedError(lockFile, owner);
      if (processAlive(owner)) throw new DataDirLockedError(lockFile, owner);
      try {
        unlinkSync(lockFile); // Stale lock from a process that died (e.g. kill -9).
      } catch {
        // Another starter removed it first; the next attempt decides.
      }
    }
  }
  throw new Error(`Could not take the data directory lock ${lockFile}.`);
}
