/**
 * Requests checked with the shared route schemas (src/domain/api): `parseRequest` returns the
 * parsed value or throws the existing 400 answers — a ZodError, which app.ts's error handler
 * answers `{error: 'invalid', message}` as it always has, or, when the route had its own words
 * for the mistake, `invalid` in both languages (`messages`). Replies are typed with `AnswerOf`.
 */
import type { z } from 'zod';
import type { Bilingual } from '../../src/domain/bilingual';
import { bilingualError } from './api-error';

export type { AnswerOf } from '../../src/domain/api';

/** What to say when the value does not fit: fixed words, or words chosen by the first issue. */
export type InvalidMessage = Bilingual | ((error: z.ZodError) => Bilingual);

export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  invalid?: InvalidMessage,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (!invalid) throw parsed.error;
  throw bilingualError(
    400,
    'invalid',
    typeof invalid === 'function' ? invalid(parsed.error) : invalid,
  );
}
