/**
 * The data-folder lock: one server process per DATA_DIR.
 *
 * PGlite has no lock of its own across processes (STACK.md trap 12): a second server on the same
 * folder runs happily and its writes are silently lost. So before opening PGlite we create
 * `<dataDir>/cundian.lock` with the 'wx' flag (fails if the file exists: atomic on local disks)
 * holding who we are. If the file is already there:
 * - its process is alive → refuse, saying which process holds the folder and what to do;
 * - its process is gone → the lock is stale (a crash, a kill -9): take it over.
 *
 * "Alive" is checked with more than the pid, because pids are reused: a container restarted with
 * the same volume runs the server as pid 1 again, and after a reboot any old pid may belong to
 * something else. On Linux we also record the kernel's boot id and the process start time (clock
 * ticks since boot, from /proc/<pid>/stat: no wall clock, so NTP jumps do not matter) and only a
 * process with the same pid AND start time in the same boot counts as the holder.
 * A lock written on another host (a shared network folder, a new container) cannot be checked,
 * so it is refused with a message that says how to remove it once that server is really stopped.
 */
import { open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { DataDirLockedError } from './types';

export const LOCK_FILE_NAME = 'cundian.lock';

/** What the lock file holds (JSON), enough to tell a live holder from a stale one. */
export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  /** Linux only: /proc/sys/kernel/random/boot_id. */
  bootId?: string;
  /** Linux only: process start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  processStartTicks?: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): Promise<void>;
}

/** Lock files this process holds, so a second open in the same process is refused too. */
const heldByThisProcess = new Set<string>();

/** An empty or half-written lock younger than this may be another process still writing it. */
const UNREADABLE_LOCK_GRACE_MS = 5_000;

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function readProcessStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
    const fieldsAfterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fieldsAfterName[19]; // field 22 overall: fields 3.. start at index 0
  } catch {
    return undefined;
  }
}

function currentOwner(): LockOwner {
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
  };
  const bootId = readBootId();
  const processStartTicks = readProcessStartTicks(process.pid);
  if (bootId !== undefined) owner.bootId = bootId;
  if (processStartTicks !== undefined) owner.processStartTicks = processStartTicks;
  return owner;
}

function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || typeof value.hostname !== 'string') return undefined;
    return {
      pid: value.pid,
      hostname: value.hostname,
      startedAt: String(value.startedAt ?? 'an unknown time'),
      ...(typeof value.bootId === 'string' ? { bootId: value.bootId } : {}),
      ...(typeof value.processStartTicks === 'string'
        ? { processStartTicks: value.processStartTicks }
        : {}),
    };
  } catch {
    return undefined;
  }
}

type Verdict = 'held' | 'stale' | 'unknown-host';

function judge(owner: LockOwner, lockPath: string): Verdict {
  if (owner.hostname !== hostname()) return 'unknown-host';
  if (owner.pid === process.pid) {
    // Our own pid: either we hold it already, or a previous run had the same pid (containers).
    return heldByThisProcess.has(lockPath) ? 'held' : 'stale';
  }
  if (!isPidAlive(owner.pid)) return 'stale';
  const bootId = readBootId();
  if (owner.bootId !== undefined && bootId !== undefined && owner.bootId !== bootId) {
    return 'stale'; // written before a reboot: every process of that boot is gone
  }
  const startTicks = readProcessStartTicks(owner.pid);
  if (owner.processStartTicks !== undefined && startTicks !== undefined) {
    return owner.processStartTicks === startTicks ? 'held' : 'stale'; // else: pid reused
  }
  return 'held';
}

function lockedMessage(dataDir: string, lockPath: string, owner: LockOwner, verdict: Verdict) {
  const holder = `process ${owner.pid} on ${owner.hostname} (started ${owner.startedAt})`;
  if (verdict === 'unknown-host') {
    return (
      `The data folder ${dataDir} is locked by ${holder}, another machine or container, which ` +
      `cannot be checked from here. Stop that server, or if it is no longer running delete ` +
      `${lockPath}; or set DATA_DIR to another folder.`
    );
  }
  const self = owner.pid === process.pid ? ' (this process: close the first database first)' : '';
  return (
    `The data folder ${dataDir} is in use by ${holder}${self}. Only one server can use a data ` +
    `folder at a time: stop that process, or set DATA_DIR to another folder.`
  );
}

/**
 * Takes the lock on `dataDir` (which must exist) or throws DataDirLockedError. Call `release()`
 * after the database is closed.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const lockPath = resolve(join(dataDir, LOCK_FILE_NAME));
  const owner = currentOwner();
  const content = `${JSON.stringify(owner, null, 2)}\n`;

  // Two rounds at most: the second one follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      heldByThisProcess.add(lockPath);
      return { path: lockPath, release: () => releaseLock(lockPath, content) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }

    const existingText = await readFile(lockPath, 'utf8').catch(() => '');
    const existing = parseOwner(existingText);
    if (existing === undefined) {
      const ageMs = await stat(lockPath).then(
        (stats) => Date.now() - stats.mtimeMs,
        () => Infinity,
      );
      if (ageMs < UNREADABLE_LOCK_GRACE_MS) {
        throw new DataDirLockedError(
          `The data folder ${dataDir} is being opened by another process right now ` +
            `(${lockPath} is still empty). Stop that process, or set DATA_DIR to another folder.`,
        );
      }
    } else {
      const verdict = judge(existing, lockPath);
      if (verdict !== 'stale') {
        throw new DataDirLockedError(lockedMessage(dataDir, lockPath, existing, verdict));
      }
    }
    await removeStaleLock(lockPath, existingText);
  }
  throw new DataDirLockedError(
    `Could not lock the data folder ${dataDir}: another process took ${lockPath} at the same ` +
      `moment. Stop the other server, or set DATA_DIR to another folder.`,
  );
}

/**
 * Removes a lock judged stale, but only if it still holds what we judged: another process
 * starting at the same moment may just have replaced it with its own live lock. We move the file
 * aside first (rename is atomic), check what we moved and put a live lock back if it was one.
 */
async function removeStaleLock(lockPath: string, judgedText: string): Promise<void> {
  const asidePath = `${lockPath}.stale-${process.pid}-${Date.now()}`;
  try {
    await rename(lockPath, asidePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else removed it
    throw error;
  }
  const movedText = await readFile(asidePath, 'utf8').catch(() => '');
  if (movedText !== judgedText) {
    // Not the stale lock any more: restore it unless yet another one appeared meanwhile.
    await writeFile(lockPath, movedText, { flag: 'wx' }).catch(() => undefined);
  }
  await unlink(asidePath).catch(() => undefined);
}

async function releaseLock(lockPath: string, ourContent: string): Promise<void> {
  if (!heldByThisProcess.delete(lockPath)) return; // released already
  // Delete only our own lock: if someone removed ours by hand and started another server, the
  // file is theirs now.
  const text = await readFile(lockPath, 'utf8').catch(() => undefined);
  if (text === ourContent) await unlink(lockPath).catch(() => undefined);
}
