/**
 * A device counts only what it holds. An officer's phone never receives trainees or attendance
 * (ENTITY_ACCESS), so "people trained" there would always be 0 — a figure nobody measured. The
 * board leaves such metrics out for that role and says why; this is the rule it asks.
 */
import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from './entities';
import { canMoveMetric, isMetricKeptFor, METRIC_IDS, METRIC_RECORDS } from './metrics';

describe('isMetricKeptFor', () => {
  it('leaves the training metrics out for officers, who never receive trainees', () => {
    const kept = METRIC_IDS.filter((m) => isMetricKeptFor(m, 'officer'));
    expect(kept).not.toContain('peopleTrained');
    expect(kept).not.toContain('trainingPersonTimes');
    expect(kept).toContain('servicePointsOpen');
    expect(kept).toContain('pilotsAccepted');
  });

  it('keeps every metric for the roles that receive every record, and for nobody signed in', () => {
    for (const role of ['admin', 'coordinator', 'trainer', null] as const) {
      expect(METRIC_IDS.filter((m) => isMetricKeptFor(m, role))).toEqual([...METRIC_IDS]);
    }
  });

  it('names real record kinds for every metric', () => {
    for (const m of METRIC_IDS) {
      expect(METRIC_RECORDS[m].length).toBeGreaterThan(0);
      for (const entity of METRIC_RECORDS[m]) expect(ENTITY_NAMES).toContain(entity);
    }
  });
});

describe('canMoveMetric', () => {
  it("is what the role's own work changes: trainers training, officers points and shops", () => {
    const moved = (role: 'officer' | 'trainer' | 'coordinator' | 'admin') =>
      METRIC_IDS.filter((m) => canMoveMetric(m, role));
    expect(moved('trainer')).toEqual(['peopleTrained', 'trainingPersonTimes']);
    expect(moved('officer')).toEqual([
      'servicePointsOpen',
      'villagesCovered',
      'villagesNewlyCovered',
      'agriShopsOnPlatform',
    ]);
    expect(moved('coordinator')).toEqual([...METRIC_IDS]);
    expect(moved('admin')).toEqual([...METRIC_IDS]);
  });
});
