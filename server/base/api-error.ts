import type { Bilingual } from '../../src/domain/bilingual';

/**
 * Errors a route throws on purpose, with the HTTP status and the stable `error` code the client
 * switches on. app.ts's error handler turns them into `{ error, message }` JSON.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly statusCode: number,
    /** Machine-readable, camelCase: 'invalid', 'notFound', 'conflict', … */
    readonly code: string,
    message: string,
    /** The message in both languages, for answers a user reads (sent as `messages`). */
    readonly messages?: Bilingual,
    /** Extra response headers (Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** A text in the two languages of the app (one declaration: src/domain/bilingual.ts). */
export type { Bilingual } from '../../src/domain/bilingual';

/** An ApiError whose `message` is both languages joined ("中文 / English"), for people. */
export function bilingualError(
  statusCode: number,
  code: string,
  messages: Bilingual,
  headers?: Record<string, string>,
): ApiError {
  return new ApiError(statusCode, code, `${messages['zh-CN']} / ${messages.en}`, messages, headers);
}

/** The `error` code for a status when the thrower gave none (framework errors). */
export function errorCodeForStatus(statusCode: number): string {
  const codes: Record<number, string> = {
    400: 'invalid',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'notFound',
    405: 'methodNotAllowed',
    406: 'notAcceptable',
    409: 'conflict',
    413: 'tooLarge',
    415: 'unsupportedMediaType',
    429: 'tooManyRequests',
  };
  return codes[statusCode] ?? (statusCode >= 500 ? 'internal' : 'badRequest');
}
