/**
 * A global limit on password verifications in flight (issue 14): scrypt costs ~0.1 s and 32 MiB
 * each, so a flood of sign-ins from many addresses (which the per-address throttle does not stop)
 * would otherwise run them all at once and make a real user's sign-in wait behind every one.
 * At most `maxInFlight` run; up to `maxWaiting` more wait their turn, each at most `maxWaitMs`;
 * the rest are answered at once with 503 and Retry-After, in words, without costing a hash.
 */
import { bilingualError, type ApiError } from './api-error';

export interface SignInLimitConfig {
  maxInFlight: number;
  maxWaiting: number;
  maxWaitMs: number;
}

/** 4 in flight on a 2-core office server (node's crypto pool has 4 threads); 16 may wait 2 s. */
export const DEFAULT_SIGN_IN_LIMIT: SignInLimitConfig = {
  maxInFlight: 4,
  maxWaiting: 16,
  maxWaitMs: 2000,
};

export const SIGN_IN_BUSY_RETRY_SECONDS = 2;

export function signInBusy(): ApiError {
  return bilingualError(
    503,
    'signInBusy',
    {
      'zh-CN': `同时登录的人太多，请 ${SIGN_IN_BUSY_RETRY_SECONDS} 秒后再试`,
      en: `Too many sign-ins at once: try again in ${SIGN_IN_BUSY_RETRY_SECONDS} seconds`,
    },
    { 'retry-after': String(SIGN_IN_BUSY_RETRY_SECONDS) },
  );
}

export class SignInLimiter {
  private inFlight = 0;
  private readonly waiting: { start: () => void; timer: ReturnType<typeof setTimeout> }[] = [];
  /** Counters for tests and logs: verifications started, refused, and the most ever in flight. */
  readonly stats = { started: 0, refused: 0, peakInFlight: 0 };

  constructor(readonly config: SignInLimitConfig = DEFAULT_SIGN_IN_LIMIT) {}

  /** Verifications waiting for a slot now. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Runs `task` when a slot is free; throws 503 signInBusy when none frees up in time. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.config.maxInFlight) await this.waitForSlot();
    else this.inFlight++;
    this.stats.started++;
    this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private waitForSlot(): Promise<void> {
    if (this.waiting.length >= this.config.maxWaiting) {
      this.stats.refused++;
      return Promise.reject(signInBusy());
    }
    return new Promise<void>((resolve, reject) => {
      const entry = {
        // The slot is handed over by release(): inFlight stays counted.
        start: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(entry);
          if (index >= 0) this.waiting.splice(index, 1);
          this.stats.refused++;
          reject(signInBusy());
        }, this.config.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.inFlight--;
  }
}
