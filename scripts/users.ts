/**
 * User accounts from the shell — for the first admin of a real deployment, and for when nobody
 * can sign in any more (`npm run users -- …`, i.e. `node --import tsx scripts/users.ts …`):
 *
 *   add <username> --role admin|coordinator|officer|trainer --scope CODE [--name NAME] [--password P]
 *   list
 *   disable <username>          (also ends the user's sessions)
 *   enable <username>
 *   reset-password <username> [--password P]   (also ends the user's sessions)
 *
 * Any command takes --as ADMIN: it is then done as that admin, under the same rule as on the
 * server and the users screen (src/domain/usersPolicy.ts): only accounts within the admin's area
 * are listed or changed, and nothing wider than that area is granted. Without --as the command
 * is the server operator's (who holds the database anyway), for the whole prefecture. Every
 * change is written to the audit log (address "shell"), as the --as admin or as "shell".
 *
 * CODE is the deployment's REGION for its whole area (3301; a province: 33), in a province 4 digits
 * for a prefecture, 6 for a county, 9 for a township. Without
 * --password the command asks for it (twice, hidden) on a terminal, or reads one line from
 * standard input otherwise.
 *
 * Works on DATABASE_URL, or on the embedded database in DATA_DIR (default ./data). PGlite allows
 * one process per data folder, so with the embedded database the server must be stopped first;
 * the command says so when it is not. Migrations are applied first, so it also works before the
 * server's very first start.
 */
import { createInterface } from 'node:readline';
import { may } from '../src/domain/actions';
import { ROLES, type Role, type Scope } from '../src/domain/protocol';
import type { RegionIndex } from '../src/domain/region';
import { scopeLevelOfCode } from '../src/domain/scope';
import { deployment } from '../src/domain/deployment';
import { LEVEL_DIGITS, rootScope } from '../src/domain/levels';
import { grantableLevels } from '../src/domain/usersPolicy';
import { ApiError } from '../server/base/api-error';
import type { ScryptParameters } from '../server/base/context';
import { SHELL_ORIGIN } from '../server/base/audit-record';
import {
  createAccount,
  findAccount,
  listAccounts,
  updateAccount,
  type AccountChangeBy,
  type PasswordSetting,
} from '../server/auth/users';
import { readPasswordPolicy } from '../server/start-server';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../src/domain/passwordPolicy';
import { DataDirLockedError, migrate, openDatabase, type Db } from '../server/db';
import { configureDeploymentOrSay, describeScope, serverRegions } from '../server/regions';
import { isEntryPoint } from '../server/base/entry-point';

export const USAGE = `Usage: npm run users -- <command>
  add <username> --role ${ROLES.join('|')} --scope CODE [--name NAME] [--password PASSWORD]
  list
  disable <username>
  enable <username>
  reset-password <username> [--password PASSWORD]
Any command: --as ADMIN  act as that admin, within their area only (as on the server).
CODE: the deployment's REGION for its whole area (3301; a province: 33), in a province a 4-digit
  prefecture, a 6-digit county or a 9-digit township code.
Database: DATABASE_URL, or the embedded one in DATA_DIR (default ./data; stop the server first).`;

export interface UsersCommandIo {
  db: Db;
  regions: RegionIndex;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Asks for a new password: twice, hidden, on a terminal; one line of standard input otherwise. */
  readNewPassword: () => Promise<string>;
  scrypt?: ScryptParameters;
  /** The password policy (PASSWORD_* settings, as the server reads them); default the default. */
  passwordPolicy?: PasswordPolicy;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

/** Splits `add bob --role officer --name "Bob Li"` into positionals and options. */
export function parseArgs(args: readonly string[]): {
  positional: string[];
  options: Map<string, string>;
} {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else {
      positional.push(arg);
    }
  }
  return { positional, options };
}

const DIGITS_ZH: Record<Scope['level'], string> = {
  province: '2 位（全省）',
  prefecture: '4 位（地级市）',
  county: '6 位（区县）',
  township: '9 位（乡镇）',
};

/**
 * The scope a --scope CODE names, by its length. Lengths wider than the deployment's area are not
 * offered; whether the code is a real area of the deployment is the server's check (checkScope
 * in server/auth/users.ts: the same words on the screen and here).
 */
function scopeOf(code: string): Scope {
  const levels = grantableLevels({ role: 'admin', scope: rootScope() });
  const level = scopeLevelOfCode(code);
  if (!level || !levels.includes(level)) {
    const zh = levels.map((l) => DIGITS_ZH[l]).join('、');
    const en = levels.map((l) => `${LEVEL_DIGITS[l]} (${l})`).join(', ');
    throw new UsageError(
      `--scope ${code}: 请写 ${zh} 统计代码，以 ${deployment().code} 开头 / give ${en} digits, starting with ${deployment().code}`,
    );
  }
  return { level, code } as Scope;
}

async function newPassword(io: UsersCommandIo, options: Map<string, string>): Promise<string> {
  return options.get('password') ?? (await io.readNewPassword());
}

/** A password typed here is known to whoever typed it: the user changes it at first sign-in. */
function adminSetPassword(io: UsersCommandIo): PasswordSetting {
  return { policy: io.passwordPolicy ?? DEFAULT_PASSWORD_POLICY, mustChange: true };
}

/** Runs one command; returns the process exit code. */
export async function runUsersCommand(
  args: readonly string[],
  io: UsersCommandIo,
): Promise<number> {
  try {
    const { positional, options } = parseArgs(args);
    const [command, username] = positional;
    const asName = options.get('as');
    const asAccount = asName ? await findAccount(io.db, { username: asName }) : undefined;
    if (asName && (!asAccount || !may(asAccount, 'manageUsers') || asAccount.disabled)) {
      throw new UsageError(`--as ${asName}: not an enabled admin (see: list)`);
    }
    const by = (): AccountChangeBy => ({
      manager: asAccount ?? null,
      shellName: 'shell',
      origin: SHELL_ORIGIN,
      at: new Date(),
    });
    const needUser = async () => {
      if (!username) throw new UsageError(`${command} needs a username`);
      const account = await findAccount(io.db, { username });
      if (!account) throw new UsageError(`there is no user "${username}" (see: list)`);
      return account;
    };
    switch (command) {
      case 'add': {
        if (!username) throw new UsageError('add needs a username');
        const role = options.get('role');
        if (!role || !(ROLES as readonly string[]).includes(role)) {
          throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        }
        const code = options.get('scope');
        if (!code) throw new UsageError('--scope CODE is required');
        const scope = scopeOf(code);
        const password = await newPassword(io, options);
        const name = options.get('name');
        const account = await createAccount(
          io.db,
          io.regions,
          { username, role: role as Role, scope, password, ...(name ? { displayName: name } : {}) },
          io.scrypt,
          adminSetPassword(io),
          by(),
        );
        io.out(
          `Added ${account.username} (${account.role}, ${describeScope(io.regions, account.scope)}); ` +
            'they choose their own password at first sign-in.',
        );
        return 0;
      }
      case 'list': {
        const accounts = await listAccounts(io.db, asAccount?.scope);
        if (accounts.length === 0)
          io.out(
            'No users yet. Add the first admin: npm run users -- add admin --role admin --scope ' +
              io.regions.prefecture.code,
          );
        for (const a of accounts) {
          io.out(
            [
              a.username.padEnd(16),
              a.role.padEnd(12),
              describeScope(io.regions, a.scope).padEnd(20),
              a.displayName.padEnd(16),
              a.disabled ? 'DISABLED' : '',
            ]
              .join(' ')
              .trimEnd(),
          );
        }
        return 0;
      }
      case 'disable':
      case 'enable': {
        const account = await needUser();
        const { sessionsRevoked } = await updateAccount(
          io.db,
          io.regions,
          account.id,
          { disabled: command === 'disable' },
          undefined,
          {},
          by(),
        );
        io.out(
          command === 'disable'
            ? `Disabled ${account.username}; ${sessionsRevoked} session(s) ended.`
            : `Enabled ${account.username}.`,
        );
        return 0;
      }
      case 'reset-password': {
        const account = await needUser();
        const password = await newPassword(io, options);
        const { sessionsRevoked } = await updateAccount(
          io.db,
          io.regions,
          account.id,
          { password },
          io.scrypt,
          adminSetPassword(io),
          by(),
        );
        io.out(
          `New password set for ${account.username}; ${sessionsRevoked} session(s) ended; ` +
            'they choose their own password at the next sign-in.',
        );
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Error: ${error.message}`);
      io.err(USAGE);
      return 2;
    }
    if (error instanceof ApiError) {
      io.err(
        `Error: ${error.messages?.en ?? error.message}${error.messages ? ` (${error.messages['zh-CN']})` : ''}`,
      );
      return 1;
    }
    throw error;
  }
}

/** A new password: typed twice (hidden) on a terminal, or the first line of piped input. */
async function readNewPasswordFromStdin(): Promise<string> {
  if (!process.stdin.isTTY) {
    return new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin });
      let line: string | undefined;
      rl.once('line', (first) => {
        line = first;
        rl.close();
      });
      rl.once('close', () => resolve(line ?? ''));
    });
  }
  const policy = readPasswordPolicy(process.env);
  const first = await readHidden(
    `Password (at least ${policy.minLength} characters, ${policy.minClasses} of: lower-case, ` +
      'capitals, digits, symbols; not the user name; not a common password): ',
  );
  const second = await readHidden('Repeat the password: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}

function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve) => {
    process.stdout.write(prompt);
    input.setRawMode(true);
    input.resume();
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') process.exit(130); // Ctrl-C
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    input.on('data', onData);
  });
}

export async function main(args: readonly string[]): Promise<number> {
  if (args.length === 0 || args[0] === 'help' || args[0] === '--help') {
    console.log(USAGE);
    return args.length === 0 ? 1 : 0;
  }
  if (!configureDeploymentOrSay(process.env)) return 1;
  let db: Db;
  try {
    db = await openDatabase(process.env);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(
        'Cannot change users while the server is running on this data folder: stop the server ' +
          'first (Ctrl-C in its window), then run this command again. ' +
          '(服务器正在使用这个数据目录：请先停止服务器，再运行本命令。)',
      );
      console.error(`Details: ${error.message}`);
      return 1;
    }
    console.error(
      `Cannot open the database: ${error instanceof Error ? error.message : String(error)}`,
    );
    return 1;
  }
  try {
    await migrate(db);
    return await runUsersCommand(args, {
      db,
      regions: serverRegions(),
      out: (line) => console.log(line),
      err: (line) => console.error(line),
      readNewPassword: readNewPasswordFromStdin,
      passwordPolicy: readPasswordPolicy(process.env),
    });
  } finally {
    await db.close();
  }
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
