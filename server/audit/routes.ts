/**
 * Routes of the audit log, for admins (each sees the entries of their own area):
 *
 *   GET /api/audit?actor=&action=&from=&to=&limit=&after=  → {entries, next}
 *   GET /api/audit.csv?actor=&action=&from=&to=            → text/csv (itself audited)
 *
 * Nothing else: every other method on /api/audit* is answered 405 — no route updates or deletes
 * an entry (and the table refuses it too: migration 0011).
 */
import type { FastifyInstance } from 'fastify';
import { auditCsvRoute, auditRoute } from '../../src/domain/api';
import { AUDIT_PAGE_MAX } from '../../src/domain/audit';
import type { AnswerOf } from '../base/api-validate';
import { bilingualError } from '../base/api-error';
import { registerAuthenticated, userOf } from '../auth/guard';
import { assertMay } from '../auth/permissions';
import type { ServerContext } from '../base/context';
import { auditCsv, listAudit, parseAuditFilter } from './query';
import { auditOrigin, recordAudit } from '../base/audit-record';

/** One CSV holds at most this many entries (narrow the dates for more). */
export const AUDIT_CSV_MAX = 20 * AUDIT_PAGE_MAX;

const READ_ONLY = {
  'zh-CN': '安全审计记录只能查看和导出，不能修改或删除',
  en: 'the audit log can only be read and exported, never changed or deleted',
};

export async function registerAuditRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  for (const url of ['/api/audit', '/api/audit.csv', '/api/audit/*']) {
    app.route({
      method: ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      url,
      handler: async () => {
        throw bilingualError(405, 'methodNotAllowed', READ_ONLY, { allow: 'GET, HEAD' });
      },
    });
  }

  await registerAuthenticated(app, ctx, (scope) => {
    scope.get(auditRoute.path, async (request): Promise<AnswerOf<typeof auditRoute>> => {
      const user = userOf(request);
      assertMay(user, 'readAudit');
      return listAudit(ctx.db, user.scope, parseAuditFilter(request.query));
    });

    scope.get(auditCsvRoute.path, async (request, reply) => {
      const user = userOf(request);
      assertMay(user, 'readAudit');
      const filter = { ...parseAuditFilter(request.query), limit: AUDIT_CSV_MAX, after: undefined };
      const page = await listAudit(ctx.db, user.scope, filter);
      const at = ctx.now();
      await recordAudit(ctx.db, {
        action: 'audit.exported',
        at,
        actor: user,
        origin: auditOrigin(request),
        subject: { type: 'audit', label: 'audit.csv' },
        details: {
          entries: page.entries.length,
          truncated: page.next !== null,
          filter: {
            actor: filter.actor ?? null,
            action: filter.action ?? null,
            from: filter.from?.toISOString() ?? null,
            to: filter.to?.toISOString() ?? null,
          },
        },
      });
      const day = at.toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
        .send(auditCsv(page.entries));
    });
  });
}
