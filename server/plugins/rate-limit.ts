import rateLimit from '@fastify/rate-limit';
import type { PortalApp } from '../app-types.js';
import type { AppConfig } from '../config.js';
import { ApiError } from '../errors.js';
import { clientKey } from '../request/client-key.js';
import { practiceSlugFromUrl } from './practice-resolver.js';

/**
 * A global request budget per client (IP, see clientKey) and practice: one busy practice
 * cannot use up another's. Every path counts, /healthz too: it is public and touches the
 * database, and a load balancer's poll every few seconds is far below the budget.
 *
 * Installed as an app-level onRequest hook right after CORS, so a 429 still carries the
 * CORS headers and the widget can read it and its `Retry-After`. Preflights are answered
 * by CORS before this hook and cost nothing. Feature routes add tighter budgets of their
 * own (sign-in, PIN) on top.
 */
export async function installRateLimit(app: PortalApp, config: AppConfig): Promise<void> {
  await app.register(rateLimit, {
    global: false, // we add the hook ourselves, in a chosen place in the hook order
    max: config.rateLimit.max,
    timeWindow: config.rateLimit.windowMs,
    // Headers only on the 429 (Retry-After and the budget); ordinary answers stay lean.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    keyGenerator: (request) => `${practiceSlugFromUrl(request.url) ?? '-'}|${clientKey(request.ip)}`,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', undefined, undefined, { 'retry-after': String(Math.ceil(context.ttl / 1000)) }),
  });
  app.addHook('onRequest', app.rateLimit());
}
