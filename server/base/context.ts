/**
 * What the services need from the running server, passed explicitly rather than imported: the
 * database, the clock (tests move it forward to expire sessions and throttles), the gazetteer and
 * the password-hashing cost (tests lower it).
 */
import type { RegionIndex } from '../../src/domain/region';
import type { PasswordPolicy } from '../../src/domain/passwordPolicy';
import type { SignInLimiter } from './sign-in-limit';
import type { Db } from '../db';
import type { EntityHookTable } from './entity-hooks';

/** The cost of a password hash (server/auth/passwords.ts; tests lower it). */
export interface ScryptParameters {
  /** CPU/memory cost, a power of two. 2^15 with r = 8 uses 32 MiB and takes ~0.1 s here. */
  N: number;
  r: number;
  p: number;
}

export interface ServerContext {
  db: Db;
  /** The server's clock. Client clocks never order or expire anything. */
  now: () => Date;
  regions: RegionIndex;
  /** Cost of new password hashes (verification reads it from each stored hash). */
  scrypt: ScryptParameters;
  /** The password policy (PASSWORD_* settings; src/domain/passwordPolicy.ts). */
  passwordPolicy: PasswordPolicy;
  /** The global limit on password verifications in flight (server/base/sign-in-limit.ts). */
  signInLimiter: SignInLimiter;
  /** The entity-specific steps of the apply path (server/entity-hooks.ts). */
  entityHooks: EntityHookTable;
}
