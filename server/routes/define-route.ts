import type { Static, TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isOfficePermission, isProfilePermission, responsesOf, securityOf, type Operation } from '../../src/contract/operation.js';
import { addSchemasOnce } from './local-schemas.js';
import { namedSchemasOf } from './operation-schemas.js';

type StaticOf<S> = S extends TSchema ? Static<S> : unknown;
type Success = 200 | 201 | 202 | 204;

/** The request as the operation's schemas validated it. */
export type OperationRequest<O extends Operation> = FastifyRequest<{
  Params: StaticOf<O['params']>;
  Querystring: StaticOf<O['querystring']>;
  Headers: StaticOf<O['headers']>;
  Body: StaticOf<O['body']>;
}>;

/** What a handler may answer: a success body of the operation, or the reply it sent itself. */
export type OperationAnswer<O extends Operation> = { [S in keyof O['responses']]: S extends Success ? StaticOf<O['responses'][S]> : never }[keyof O['responses']];

export type OperationHandler<O extends Operation> = (request: OperationRequest<O>, reply: FastifyReply) => Promise<OperationAnswer<O> | FastifyReply>;

/** Route options that are the server's business rather than the protocol's. */
export interface RouteExtras {
  exposeHeadRoute?: boolean;
  config?: Record<string, unknown>;
}

/** The scope a route is added to; any Fastify instance, whatever its type provider. */
type RouteHost = Pick<FastifyInstance, 'prefix' | 'requireSession' | 'getSchema' | 'addSchema'> & { route(options: RouteOptions): unknown };

/** The operation's path below the scope's prefix; the scope must be the one the contract puts it in. */
function urlIn(prefix: string, op: Operation): string {
  if (!op.path.startsWith(prefix)) throw new Error(`${op.operationId}: ${op.path} cannot be routed in the scope ${prefix || '/'}.`);
  return op.path.slice(prefix.length);
}

const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

/**
 * Routes one operation of the contract: its method and path, its schemas and answers with the
 * shared errors added, its security, and what its permission asks of the server (a session
 * check, the profile guard's permission, or the office guard's). The handler gets the request as validated.
 */
export function defineRoute<O extends Operation>(app: RouteHost, op: O, handler: OperationHandler<O>, extras: RouteExtras = {}): void {
  addSchemasOnce(app, namedSchemasOf(op));
  const config = {
    ...extras.config,
    ...(isProfilePermission(op.permission) ? { profilePermission: op.permission } : {}),
    ...(isOfficePermission(op.permission) ? { officePermission: op.permission } : {}),
    // An office-scope operation anyone may call (staff sign-in): the office guard lets it through.
    ...(op.permission === 'public' && op.path.startsWith('/p/:practice/admin/') ? { officePublic: true } : {}),
  };
  app.route({
    method: op.method,
    url: urlIn(app.prefix, op),
    ...defined({ exposeHeadRoute: extras.exposeHeadRoute, onRequest: op.permission === 'session' ? app.requireSession : undefined }),
    config,
    schema: defined({
      operationId: op.operationId,
      summary: op.summary,
      description: op.description,
      tags: [...op.tags],
      security: securityOf(op.permission),
      params: op.params,
      querystring: op.querystring,
      headers: op.headers,
      body: op.body,
      response: responsesOf(op),
    }),
    // Fastify validated the request against these same schemas before the handler runs.
    handler: (request, reply) => handler(request as unknown as OperationRequest<O>, reply),
  });
}
