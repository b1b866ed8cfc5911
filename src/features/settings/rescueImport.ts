/**
 * The steps of 从备份文件恢复 without the screen (./RescueImportSection.tsx): read and check the
 * file (src/sync/rescueFile.ts), say what is wrong in the user's words, restore it through the
 * database's one door for restored work (src/db/rescue.ts). docs/RESCUE.md has the rules.
 */
import type { Translate } from '../../i18n';
import type { CundianDb } from '../../db';
// Straight from its module, not the db index: it loads with the settings screen only.
import { restoreRescued, type RestoreResult } from '../../db/rescue';
import {
  checkRescueOwner,
  parseRescueFile,
  summarizeRescueFile,
  type RescueDocument,
  type RescueProblem,
  type RescueSummary,
} from '../../sync/rescueFile';

export type RescueRead =
  | { ok: true; file: RescueDocument; summary: RescueSummary }
  | { ok: false; problem: RescueProblem };

/** Reads a file's text for the signed-in user on this server: the file and what it holds, or why not. */
export function readRescueFile(
  text: string,
  signedIn: { id: string; username: string } | null,
  origin: string | null,
): RescueRead {
  const parsed = parseRescueFile(text);
  if (!parsed.ok) return parsed;
  const refused = checkRescueOwner(parsed.file, signedIn, origin);
  if (refused) return { ok: false, problem: refused };
  return { ok: true, file: parsed.file, summary: summarizeRescueFile(parsed.file) };
}

export function restoreRescueFile(file: RescueDocument, db?: CundianDb): Promise<RestoreResult> {
  return restoreRescued(
    {
      sourceClientId: file.clientId,
      outbox: file.outbox,
      rejected: file.rejected,
      drafts: file.drafts,
    },
    db,
  );
}

/** The sentence for a refused file: what is wrong and what to do. */
export function rescueProblemText(t: Translate, problem: RescueProblem): string {
  switch (problem.kind) {
    case 'notJson':
      return t('rescue.problem.notJson');
    case 'notRescue':
      return t('rescue.problem.notRescue');
    case 'newer':
      return t('rescue.problem.newer', { version: problem.version });
    case 'broken':
      return t('rescue.problem.broken', { where: problem.where || '—' });
    case 'noUser':
      return t('rescue.problem.noUser');
    case 'notSignedIn':
      return t('rescue.problem.notSignedIn');
    case 'otherUser':
      return t('rescue.problem.otherUser', {
        fileUser: problem.fileUser,
        currentUser: problem.currentUser,
      });
    case 'otherServer':
      return t('rescue.problem.otherServer', { fileOrigin: problem.fileOrigin });
  }
}
