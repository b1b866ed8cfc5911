/**
 * Domain validation messages (src/domain/messages.ts, shared with the server) in the current
 * locale: "运营人电话：手机号应为 11 位数字…".
 */
import { useCallback } from 'react';
import type { EntityName } from '../domain/entities';
import { describeProblem } from '../domain/fieldLabels';
import { formatMessage, type FieldProblem } from '../domain/messages';
import { useLocale } from './index';

export function useDescribeProblem() {
  const locale = useLocale();
  return {
    /** With the field's name, for a summary at the top of a form. */
    withField: useCallback(
      (entity: EntityName, problem: FieldProblem) => describeProblem(entity, problem, locale),
      [locale],
    ),
    /** Without it, for the error line under the field itself. */
    message: useCallback(
      (problem: FieldProblem) => formatMessage(problem.key, locale, problem.params),
      [locale],
    ),
  };
}
