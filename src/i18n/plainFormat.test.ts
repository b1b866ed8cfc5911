import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../domain/bilingual';
import { isPlainNumberOptions, plainAgo, plainMoment, plainNumber } from './plainFormat';
import { plainDay } from './plainDay';

const LOCALES: Locale[] = ['zh-CN', 'en'];

/** Numbers with the shapes the app formats, and their edges: 0, -0, halves, 999 → 1,000, big. */
const numbers = fc.oneof(
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 1000), // 0.145, 1.005, -0.5…
  fc.integer({ min: 0, max: 2000 }).map((n) => n / 200), // shares: 0.005 steps
  fc.constantFrom(0, -0, 0.5, 1.5, 2.5, -0.5, 999, 999.9995, 1000, 1e15 - 1, 0.1 + 0.2, 1.005),
);

describe('plain number formats, the same as Intl without constructing one', () => {
  it('writes what Intl.NumberFormat writes, for every option shape it takes', () => {
    const options = fc.record(
      {
        style: fc.constantFrom('decimal' as const, 'percent' as const),
        maximumFractionDigits: fc.integer({ min: 0, max: 4 }),
        minimumFractionDigits: fc.integer({ min: 0, max: 2 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(numbers, options, fc.constantFrom(...LOCALES), (value, opts, locale) => {
        const max = opts.maximumFractionDigits ?? (opts.style === 'percent' ? 0 : 3);
        fc.pre((opts.minimumFractionDigits ?? 0) <= max);
        const plain = plainNumber(value, opts);
        fc.pre(plain !== null); // an exponent: Intl's own job (below)
        expect(plain).toBe(new Intl.NumberFormat(locale, opts).format(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('hands back to Intl what it does not know', () => {
    expect(plainNumber(1e21)).toBeNull();
    expect(plainNumber(1e-7)).toBeNull();
    expect(plainNumber(Number.NaN)).toBeNull();
    expect(plainNumber(Infinity)).toBeNull();
    expect(plainNumber(1, { maximumFractionDigits: 0, minimumFractionDigits: 2 })).toBeNull();
    expect(isPlainNumberOptions({ style: 'unit', unit: 'day' })).toBe(false);
    expect(isPlainNumberOptions({ maximumSignificantDigits: 2 })).toBe(false);
    expect(isPlainNumberOptions({ maximumFractionDigits: 1, style: 'percent' })).toBe(true);
    expect(isPlainNumberOptions(undefined)).toBe(true);
  });

  it('rounds the decimal the value reads as, like Intl (not its binary expansion)', () => {
    expect(plainNumber(1.005, { maximumFractionDigits: 2 })).toBe('1.01');
    expect(plainNumber(0.145, { style: 'percent' })).toBe('15%');
    expect(plainNumber(-0.0001)).toBe('-0');
    expect(plainNumber(1234567.891)).toBe('1,234,567.891');
  });
});

describe('plain moments and relative times', () => {
  it('writes a day as Intl.DateTimeFormat does (year numeric, month short, day)', () => {
    const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
    fc.assert(
      fc.property(
        // 2000–2100 at minute precision: every month, both ends of every day.
        fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }),
        fc.constantFrom(...LOCALES),
        (ms, locale) => {
          const date = new Date(ms);
          expect(plainDay(date, locale)).toBe(new Intl.DateTimeFormat(locale, DAY).format(date));
        },
      ),
      { numRuns: 2000 },
    );
    for (const locale of LOCALES) {
      for (const date of [new Date(1000, 0, 1), new Date(9999, 11, 31, 23, 59)]) {
        expect(plainDay(date, locale)).toBe(new Intl.DateTimeFormat(locale, DAY).format(date));
      }
    }
    expect(plainDay(new Date(999, 0, 1), 'zh-CN')).toBeNull();
    expect(plainDay(new Date('nonsense'), 'en')).toBeNull();
  });

  it('writes a moment as Intl.DateTimeFormat does (month short, day, 2-digit time)', () => {
    const MOMENT: Intl.DateTimeFormatOptions = {
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    };
    fc.assert(
      fc.property(
        // 2000–2100, minute precision, covering midnight, noon and the year's change.
        fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }),
        fc.constantFrom(...LOCALES),
        (ms, locale) => {
          const date = new Date(ms);
          expect(plainMoment(date, locale)).toBe(
            new Intl.DateTimeFormat(locale, MOMENT).format(date),
          );
        },
      ),
      { numRuns: 2000 },
    );
    for (const hour of [0, 11, 12, 23])
      for (const locale of LOCALES) {
        const date = new Date(2026, 11, 31, hour, 5);
        expect(plainMoment(date, locale)).toBe(
          new Intl.DateTimeFormat(locale, MOMENT).format(date),
        );
      }
    expect(plainMoment(new Date('nonsense'), 'zh-CN')).toBeNull();
  });

  it('writes "n units ago" as Intl.RelativeTimeFormat (numeric auto, short) does', () => {
    for (const locale of LOCALES) {
      const intl = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
      for (const unit of ['minute', 'hour', 'day', 'week', 'month'] as const)
        for (const ago of [1, 2, 3, 5, 10, 11, 21, 59, 100, 1000, 12345])
          expect(plainAgo(ago, unit, locale)).toBe(intl.format(-ago, unit));
    }
    expect(plainAgo(0, 'minute', 'zh-CN')).toBeNull();
    expect(plainAgo(1.5, 'minute', 'en')).toBeNull();
  });
});
