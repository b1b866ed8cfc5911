/**
 * The assessment figures the server counts for devices that cannot (issue 12, docs/ASSESSMENT.md):
 *
 *   GET /api/assessment/counties?year=2026  → {table, countedAt}
 *
 * Every county × every metric of the year, ranked, with the prefecture as the totals row — the
 * same counting as the app (src/domain/metrics.ts, areaTable), over the server's records. A
 * coordinator's phone holds only its own county's records, so this is how a county learns its
 * rank; the answer is aggregates only (no names, no phones), so every signed-in role may have it.
 * The app keeps the last answer for offline use and says when it was counted.
 *
 * Counting reads every live record of the metrics' entities (20,000 records: ~0.2 s), so an
 * answer is kept for a minute per year: a county table does not change by the second, and a
 * morning of coordinators opening it costs one count.
 */
import type { FastifyInstance } from 'fastify';
import { countyTableRoute } from '../../src/domain/api';
import {
  areaOfCode,
  areaTable,
  metricFacts,
  METRIC_ENTITIES,
  type MetricInput,
} from '../../src/domain/metrics';
import type { CountyTableResponse } from '../../src/domain/metricsWire';
import { deployment } from '../../src/domain/deployment';
import { areasBelow } from '../../src/domain/areas';
import { codeAtLevel } from '../../src/domain/levels';
import { parseRequest, type AnswerOf } from '../base/api-validate';
import { registerAuthenticated, userOf } from '../auth/guard';
import type { ServerContext } from '../base/context';

/** How long a counted table is served again. */
export const COUNTY_TABLE_TTL_MS = 60_000;

/** Today in the deployment's time zone (China Standard Time: the programme's days). */
export function programmeToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

const ENTITIES = METRIC_ENTITIES;

/** The server's records as the metrics read them. */
export async function serverMetricInput(ctx: ServerContext): Promise<MetricInput> {
  const { rows } = await ctx.db.query<{ entity: string; data: Record<string, unknown> }>(
    `select entity, data from records where not deleted and entity = any($1::text[])`,
    [ENTITIES],
  );
  const by = new Map<string, Record<string, unknown>[]>(ENTITIES.map((e) => [e, []]));
  for (const row of rows) by.get(row.entity)!.push(row.data);
  const list = <T>(entity: (typeof ENTITIES)[number]) => by.get(entity) as unknown as T[];
  return {
    villages: ctx.regions.villages,
    points: list('servicePoint'),
    trainees: list('trainee'),
    sessions: list('trainingSession'),
    attendance: list('attendance'),
    centralTowns: list('centralTown'),
    stores: list('flagshipStore'),
    pilots: list('pilotTown'),
    shops: list('agriShop'),
    targets: list('target'),
  };
}

/**
 * The prefecture whose counties a user's table ranks: the prefecture of their scope (a county
 * coordinator in a province deployment is ranked among their own prefecture's counties, against
 * their prefecture's totals — never the province's), or the deployment's root for a wider scope.
 */
export function tableAreaOf(scopeCode: string): string {
  return codeAtLevel(scopeCode, 'prefecture') ?? deployment().code;
}

export async function countCountyTable(
  ctx: ServerContext,
  year: number,
  scopeCode: string = deployment().code,
): Promise<CountyTableResponse> {
  const now = ctx.now();
  const today = programmeToday(now);
  const facts = metricFacts(await serverMetricInput(ctx), year, today);
  const parent = tableAreaOf(scopeCode);
  const table = areaTable(
    facts,
    areasBelow(parent, ctx.regions).map((a) => areaOfCode(a.code)),
    areaOfCode(parent),
    today,
  );
  return { table, countedAt: now.toISOString() };
}

export async function registerAssessmentRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
): Promise<void> {
  const cache = new Map<string, { at: number; answer: Promise<CountyTableResponse> }>();
  await registerAuthenticated(app, ctx, (scope) => {
    scope.get(
      countyTableRoute.path,
      async (request): Promise<AnswerOf<typeof countyTableRoute>> => {
        const { year } = parseRequest(countyTableRoute.query, request.query, {
          'zh-CN': '年份应为 2000 到 2100 之间的整数',
          en: 'year must be a whole number from 2000 to 2100',
        });
        const now = ctx.now().getTime();
        const area = tableAreaOf(userOf(request).scope.code);
        const key = `${year}:${area}`;
        const kept = cache.get(key);
        if (kept && now - kept.at < COUNTY_TABLE_TTL_MS) return kept.answer;
        const answer = countCountyTable(ctx, year, area);
        cache.set(key, { at: now, answer });
        answer.catch(() => cache.delete(key));
        return answer;
      },
    );
  });
}
