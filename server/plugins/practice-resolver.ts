import type { FastifyRequest } from 'fastify';
import type { PortalApp } from '../app-types.js';
import type { Db } from '../db/open.js';
import { notFound } from '../errors.js';
import { findPracticeBySlug, type Practice } from '../repos/practices.js';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The practice named by `/p/:practice/…`, looked up once per request before CORS runs
     * (CORS needs its allow-list). null outside `/p/` or when the slug is unknown.
     */
    practice: Practice | null;
  }
}

const PRACTICE_PATH = /^\/p\/([^/?#]+)/;

/** The slug in a `/p/:slug/…` URL, read from the raw URL so it also works for preflights. */
export function practiceSlugFromUrl(url: string): string | undefined {
  return PRACTICE_PATH.exec(url)?.[1];
}

export function installPracticeResolver(app: PortalApp, db: Db): void {
  app.decorateRequest('practice', null);
  app.addHook('onRequest', async (request) => {
    const slug = practiceSlugFromUrl(request.url);
    request.practice = slug ? (findPracticeBySlug(db, slug) ?? null) : null;
  });
}

/** For hooks inside the `/p/:practice` scope: unknown practice → 404 `not_found`. */
export async function requireKnownPractice(request: FastifyRequest): Promise<void> {
  if (!request.practice) throw notFound();
}

/** The request's practice in a route handler under `/p/:practice` (the scope hook guarantees one). */
export function practiceOf(request: FastifyRequest): Practice {
  if (!request.practice) throw notFound();
  return request.practice;
}
