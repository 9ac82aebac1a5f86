import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDirLock, DataDirLockedError } from './lock.ts';

const lockFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'tsunagari-lock-')), 'pglite.lock');

describe('PGlite data directory lock', () => {
  it('names the owning process and refuses a second owner', () => {
    const file = lockFile();
    const lock = acquireDirLock(file);
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireDirLock(file)).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(file)).toBe(false);
    acquireDirLock(file).release();
  });

  it('leaves no exit listener behind once released (a test worker opens many data directories)', () => {
    const before = process.listenerCount('exit');
    for (let i = 0; i < 20; i++) acquireDirLock(lockFile()).release();
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('refuses while another live process holds it, with a message saying what to do', () => {
    const file = lockFile();
    writeFileSync(file, `${process.ppid}\n`); // the parent process is alive
    try {
      acquireDirLock(file);
      expect.unreachable('the lock should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect((error as Error).message).toContain(String(process.ppid));
      expect((error as Error).message).toContain('DATA_DIR');
    }
  });

  it('recovers a stale lock left by a process that died (kill -9)', () => {
    const file = lockFile();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    writeFileSync(file, `${dead.stdout.toString()}\n`);
    const lock = acquireDirLock(file);
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('recovers a lock file with garbage in it', () => {
    const file = lockFile();
    writeFileSync(file, 'not a pid');
    acquireDirLock(file).release();
  });
});
