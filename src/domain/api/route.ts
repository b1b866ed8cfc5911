/**
 * A route of the HTTP API as data: method, path and the zod schemas of what goes in (path
 * params, query string, JSON body) and what comes back (the JSON answer). The server validates
 * requests with them and types its replies with them; the client (src/sync/api.ts,
 * `requestJson`) builds the URL and parses the answer with them — one shape per route, so a
 * server change that breaks an answer fails in the compiler or in server/api-contract.test.ts,
 * not on a phone (issue 15, item 3; docs/ARCHITECTURE.md "API shapes").
 *
 * Answer schemas describe the wire (JSON: dates are strings); the client may unwrap
 * (`{users}` → users) after parsing.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRoute {
  readonly method: HttpMethod;
  /** Fastify's form: `/api/users/:id`. */
  readonly path: string;
  /** The `:name` parts of the path, as strings. */
  readonly params?: z.ZodType;
  /** The query string, as Fastify hands it over (strings). */
  readonly query?: z.ZodType;
  /** The JSON body. */
  readonly body?: z.ZodType;
  /** The JSON answer of a success; null when there is none to read (204, bytes, CSV). */
  readonly answer: z.ZodType | null;
  /** The success status when not 200. */
  readonly status?: number;
}

/** Declares a route, keeping its literal types. */
export function apiRoute<const R extends ApiRoute>(route: R): R {
  return route;
}

type Input<S> = S extends z.ZodType ? z.input<S> : never;
type Output<S> = S extends z.ZodType ? z.output<S> : never;

/** What the server may send (typed reply): the answer schema's input. */
export type AnswerOf<R extends ApiRoute> = R['answer'] extends z.ZodType
  ? Input<R['answer']>
  : void;
/** What the client reads after parsing. */
export type ParsedAnswerOf<R extends ApiRoute> = R['answer'] extends z.ZodType
  ? Output<R['answer']>
  : void;
/** What a client sends as the body. */
export type BodyOf<R extends ApiRoute> = Input<R['body']>;
/** The body as the server has it after validation. */
export type ParsedBodyOf<R extends ApiRoute> = Output<R['body']>;
export type ParamsOf<R extends ApiRoute> = Input<R['params']>;
/** The query a client sends: each part a string or number (left out when null or undefined). */
export type QueryOf<R extends ApiRoute> = {
  [K in keyof Input<R['query']>]?: string | number | null;
};

/** The route's path with its `:name` parts filled in (URI-encoded). */
export function routePath(
  path: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`routePath: ${path} needs :${name}`);
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=x` of the parts that are set ('' when none). */
export function queryString(
  query: Readonly<Record<string, string | number | null | undefined>> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
