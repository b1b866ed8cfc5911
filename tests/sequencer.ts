// The order in which `npm test` hands its files to the two workers (vite.config.ts,
// `sequence.sequencer`). vitest's own order runs the projects by name (client first,
// node last) and, on a fresh clone with no timings cached, each project's largest
// files first: the heaviest files then start late and one worker runs alone at the end. Here the
// longest files go first (longest-processing-time first), so the two workers finish together:
//
// 1. projects in PROJECT_ORDER, each one's files together (a worker keeps its shared modules only
//    while the next file is of the same project: vitest's pool);
// 2. inside a project, the files of SECONDS longest first, then the rest in vitest's order
//    (cached durations, else size).
//
// docs/TESTING.md, "Sixth session", has the figures. A shuffled run (`--sequence.shuffle…`) does
// not use this class: vite.config.ts leaves vitest's random order to it.
import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * One worker per core. vitest's default leaves a core to itself: one worker on the CI machine's
 * two, and the whole run serial. CUNDIAN_TEST_WORKERS overrides it (vitest's own --maxWorkers
 * does not override a config's value): .ci/run's PostgreSQL step sets 1, since the files there
 * share one cluster whose snapshot horizon is common to all (docs/TESTING.md, "Sixth session").
 */
const ASKED_WORKERS = Number(process.env.CUNDIAN_TEST_WORKERS);
export const TEST_WORKERS =
  Number.isInteger(ASKED_WORKERS) && ASKED_WORKERS > 0
    ? ASKED_WORKERS
    : Math.max(1, availableParallelism());

/** The heavy node files first, the many short client files last (they fill the gaps). */
const PROJECT_ORDER = ['node', 'domain', 'client-node', 'client'];

/**
 * Seconds of test time per file on the idle CI machine (the clean-clone run of 2026-12-06 00:53
 * UTC, one worker), for the files over ~1.5 s. Only the order matters: a new slow file belongs
 * here, and a stale figure costs balance, never a test.
 */
const SECONDS: Record<string, number> = {
  'server/main.test.ts': 20.6,
  'server/db/pglite.test.ts': 17.0,
  'server/sync/partitioned-change-log.test.ts': 14.6,
  'tests/integration/convergence.test.ts': 22.6,
  'server/sync/pull-boundaries.test.ts': 6.0, // eighth session: its small pages cut (estimate)
  'server/demo/demo-safety.test.ts': 11.3,
  'scripts/users.test.ts': 10.2,
  'server/db/migrate.test.ts': 8.0,
  'server/sync/fuzz.test.ts': 7.4,
  'server/sync/push-limits.test.ts': 5.8,
  'server/db/open-database.test.ts': 3.6,
  'server/regions.test.ts': 3.2,
  'server/demo/demo-data.test.ts': 3.0,
  'server/attachments/routes.test.ts': 2.4,
  'server/db/planner-statistics.test.ts': 2.3,
  'server/attachments/listings.test.ts': 1.9,
  'server/auth/passwords.test.ts': 1.6,
  'scripts/deps-rules.test.ts': 1.6,
  'tests/integration/sync-client.test.ts': 1.5,
  'src/domain/region.test.ts': 5.2,
  'src/features/sync/ConflictsScreen.test.tsx': 2.9,
  'src/features/map/MapScreen.test.tsx': 2.3,
  'src/features/training/RollCall.test.tsx': 2.0,
  'src/app/App.test.tsx': 1.9,
  'src/features/report/ReportScreen.test.tsx': 1.6,
};

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = PROJECT_ORDER.indexOf(spec.project.name);
      return index === -1 ? PROJECT_ORDER.length : index;
    };
    const seconds = (spec: TestSpecification) => {
      const path = spec.moduleId.slice(this.ctx.config.root.length).replace(/^\/+/, '');
      return SECONDS[path] ?? 0;
    };
    // Array.prototype.sort is stable: ties keep vitest's order.
    return base.sort((a, b) => rank(a) - rank(b) || seconds(b) - seconds(a));
  }
}
