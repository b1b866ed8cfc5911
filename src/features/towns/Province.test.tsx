/**
 * The central towns' overview in a province's deployment: a province admin's whole area is the
 * province, so its figures are named 全省 — never the prefecture's 全市 — while a prefecture admin
 * of the same province reads their own prefecture's name.
 */
import { cleanup, configure, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CundianDb } from '../../db';
import { deployment, setDeployment } from '../../domain/deployment';
import { forgetRegions } from '../../regions';
import { freshDatabase } from '../../test-support/database';
import { twoPrefectureFiles, twoPrefectureProvince } from '../../test-support/province';
import { serveFiles, signInAdmin } from '../../test-support/provinceScreens';
import { Overview } from './Overview';

configure({ asyncUtilTimeout: 8_000 });
vi.setConfig({ testTimeout: 30_000 });

const built = deployment();
let db: CundianDb;

beforeEach(() => {
  setDeployment(twoPrefectureProvince(built));
  forgetRegions();
  db = freshDatabase('towns-province');
  serveFiles(twoPrefectureFiles());
});

afterEach(() => {
  cleanup();
  setDeployment(built);
  forgetRegions();
  vi.unstubAllGlobals();
});

describe('the central towns’ overview in a province', () => {
  it('names a province admin’s pilots 全省, not 全市', async () => {
    await signInAdmin({ level: 'province', code: '33' }, db);
    render(<Overview year={2026} />);
    const pilots = await screen.findByTestId('figure-pilots');
    expect(pilots.textContent).toBe('验收通过的试点（全省）：0 个');
  });

  it('names a prefecture admin’s pilots by the prefecture', async () => {
    await signInAdmin({ level: 'prefecture', code: '3302' }, db);
    render(<Overview year={2026} />);
    const pilots = await screen.findByTestId('figure-pilots');
    expect(pilots.textContent).toBe('验收通过的试点（宁波市）：0 个');
  });
});
