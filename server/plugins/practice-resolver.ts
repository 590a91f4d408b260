import type { FastifyRequest } from 'fastify';
import type { PortalApp } from '../app-types.js';
import type { Db } from '../db/open.js';
import { notFound } from '../errors.js';
import { findPracticeBySlug } from '../repos/practices.js';

const PRACTICE_PATH = /^\/p\/([^/?#]+)/;

/** The slug in a `/p/:slug/…` URL, read from the raw URL so it also works for preflights. */
export function practiceSlugFromUrl(url: string): string | undefined {
  return PRACTICE_PATH.exec(url)?.[1];
}

/** Fills in `request.practice` (declared with the other request fields in request/context.ts). */
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
