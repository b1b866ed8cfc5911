/**
 * Pace is shown in colour (and always with a shape and a word as well): each pace colour must
 * stay readable — WCAG AA, 4.5:1 for text — on every background the assessment screens put it on
 * (a card, the page, the marked row of the user's own county), in the light and the dark theme.
 * The colours are read from the app's stylesheet, so a token changed there is checked here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paceState, paceTone } from './PaceMark';

const css = readFileSync(join(process.cwd(), 'src/app/styles.css'), 'utf8');
const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
const light = css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)'));

function token(block: string, name: string): string {
  const match = new RegExp(`${name}:\\s*(#[0-9a-fA-F]{6})`).exec(block);
  if (!match) throw new Error(`no ${name}`);
  return match[1]!;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

describe('pace colours', () => {
  for (const [theme, block] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`are ≥ 4.5:1 on every background they sit on (${theme})`, () => {
      for (const text of [
        '--color-good',
        '--color-caution',
        '--color-danger',
        '--color-text-muted',
      ]) {
        for (const background of ['--color-surface', '--color-bg', '--color-info-bg']) {
          const ratio = contrast(token(block, text), token(block, background));
          expect({ text, background, ok: ratio >= 4.5 }).toEqual({ text, background, ok: true });
        }
      }
    });
  }
});

describe('pace state', () => {
  it('reads a past year as its result, a future year as not started, no target as none', () => {
    const m = (year: number, pace: 'ahead' | 'near' | 'behind', target: number | null = 10) => ({
      year,
      pace,
      target,
    });
    expect(paceState(m(2026, 'near'), 2026)).toBe('near');
    expect(paceState(m(2025, 'ahead'), 2026)).toBe('met');
    expect(paceState(m(2025, 'near'), 2026)).toBe('nearlyMet');
    expect(paceState(m(2025, 'behind'), 2026)).toBe('missed');
    expect(paceState(m(2027, 'behind'), 2026)).toBe('future');
    expect(paceState(m(2026, 'behind', null), 2026)).toBe('none');
    expect(paceTone('missed')).toBe('bad');
  });
});
