import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';
import type { PortalApp } from './app-types.js';
import type { AuthDeps } from './auth/deps.js';
import { PinHasher } from './auth/pin-hash.js';
import type { Clock } from './clock.js';
import type { AppConfig } from './config.js';
import type { Db } from './db/open.js';
import { installUploads } from './files/install.js';
import { loggerOptions, type LoggerOption } from './logging.js';
import { createOfficeGuard } from './plugins/office-auth.js';
import { installBodyParsing } from './plugins/body-parsing.js';
import { connectionLimits, installConnectionLimits, serverTimeoutOptions } from './plugins/connection-limits.js';
import { installCors } from './plugins/cors.js';
import { installErrorHandling } from './plugins/error-handler.js';
import { installOpenApi } from './plugins/openapi.js';
import { installPracticeResolver, requireKnownPractice } from './plugins/practice-resolver.js';
import { installRateLimit } from './plugins/rate-limit.js';
import { installRequestTimeout } from './plugins/request-timeout.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { profileScope } from './plugins/profile-access.js';
import { installSessionAuth } from './plugins/session-auth.js';
import { installLapseTimer } from './booking/lapse-timer.js';
import { adminBookingRoutes } from './routes/admin-booking.js';
import { adminDocumentRoutes } from './routes/admin-documents.js';
import { adminSettingsRoutes } from './routes/admin-settings.js';
import { adminProfileLinkRoutes } from './routes/admin-profile-links.js';
import { adminSignInRoutes } from './routes/admin-sign-in.js';
import { staffManagementRoutes } from './routes/staff-management.js';
import { staffSignInRoutes } from './routes/staff-sign-in.js';
import { authRoutes } from './routes/auth.js';
import { officeClientRoutes } from './routes/office-clients.js';
import { officeClinicianRoutes } from './routes/office-clinicians.js';
import { devOutboxRoutes } from './routes/dev-outbox.js';
import { healthRoutes } from './routes/health.js';
import { infoRoutes } from './routes/info.js';
import { meProfileRoutes } from './routes/me-profiles.js';
import { openApiRoutes } from './routes/openapi.js';
import { PROFILE_ROUTE_PLUGINS } from './routes/profile-routes.js';
import { fastifyTrustProxy, trustedProxyMatcher } from './trust-proxy.js';

export type { PortalApp } from './app-types.js';

export interface BuildAppOptions {
  db: Db;
  clock: Clock;
  config: AppConfig;
  /** Defaults to JSON logs at `info` on stdout; `false` for none. */
  logger?: LoggerOption;
}

/** The protocol version in the OpenAPI document; bump it with breaking protocol changes. */
export const PROTOCOL_VERSION = '0.1.0';

/**
 * Builds the portal endpoint: one server for many practices, each under `/p/:practice`.
 * The returned instance is not listening; call `listen()` or use `inject()` in tests.
 *
 * The order below is the order of the app-wide onRequest hooks, and it matters:
 * security headers → resolve the practice from the URL → CORS (needs the practice's
 * allow-list; answers preflights) → rate limit (after CORS, so a 429 is readable by the
 * widget) → per-scope checks (unknown practice → 404; under /admin the office guard: 401/403/404).
 */
export async function buildApp({ db, clock, config, logger }: BuildAppOptions): Promise<PortalApp> {
  const limits = connectionLimits(config.connections);
  const app = Fastify({
    logger: loggerOptions(logger),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // On close, drop idle keep-alive sockets at once and let in-flight requests finish.
    forceCloseConnections: 'idle',
    // A request that still arrives on a busy keep-alive socket while closing is served
    // normally (the database closes only after the server): Fastify's own 503 for it would
    // bypass CORS, the security headers and the error shape.
    return503OnClosing: false,
    // Node's whole-request timeout would cut long upload PATCHes: installRequestTimeout applies
    // the 120 s limit per route instead (uploads get an idle timeout), so slow clients still
    // cannot hold a request open forever (F12).
    requestTimeout: 0,
    // Idle sockets (even ones that never send a byte), kept-alive sockets and slow headers
    // are cut; the socket caps are installed on the server below (F12).
    ...serverTimeoutOptions(limits),
    ajv: {
      // All errors, so a form learns every bad field at once; bodies are capped at bodyLimit,
      // which bounds the extra work.
      // allowUnionTypes: a `type` list (form answers: string | boolean | array) is never coerced from one kind to another.
      // removeAdditional: false: Fastify's default strips unknown fields silently; a schema with
      // `additionalProperties: false` then refuses them with 400 `validation` (R57(b): a
      // card-like field never slips through to a handler).
      customOptions: { allErrors: true, allowUnionTypes: true, removeAdditional: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // A listed proxy's sockets carry many clients: they are not counted per client.
  installConnectionLimits(app.server, limits, trustedProxyMatcher(config.trustProxy));
  installSecurityHeaders(app);
  installRequestTimeout(app);
  installPracticeResolver(app, db);
  await installCors(app, { credentials: (config.sessionCookieSites?.length ?? 0) > 0 });
  await installRateLimit(app, config);
  installBodyParsing(app);
  installErrorHandling(app);
  await installOpenApi(app, PROTOCOL_VERSION);
  installSessionAuth(app, { db, clock, cookieSites: config.sessionCookieSites ?? [] });
  app.decorateRequest('office', null);
  installUploads(app, { db, clock, mode: config.mode, uploads: config.uploads });
  installLapseTimer(app, { db, clock });
  const auth: AuthDeps = { db, clock, pins: pinHasherFor(config), cookieSites: config.sessionCookieSites ?? [] };
  if (!auth.pins) app.log.error('No PIN pepper configured (PIN_PEPPER): PIN sign-in, PIN issuing and email codes answer 503; sign-in emails carry no code.');

  await app.register(healthRoutes, { db, clock });
  await app.register(openApiRoutes);
  await app.register(
    async (practiceScope) => {
      practiceScope.addHook('onRequest', requireKnownPractice);
      await practiceScope.register(infoRoutes);
      await practiceScope.register(authRoutes, auth);
      await practiceScope.register(meProfileRoutes, { db, clock });
      await practiceScope.register(profileScope(PROFILE_ROUTE_PLUGINS), { db, clock, prefix: '/profiles/:profileId' });
      await practiceScope.register(
        async (adminScope) => {
          adminScope.addHook('onRequest', createOfficeGuard({ db, clock, mode: config.mode, adminToken: config.adminToken }));
          await adminScope.register(adminSettingsRoutes);
          await adminScope.register(adminSignInRoutes, auth);
          await adminScope.register(staffSignInRoutes, auth);
          await adminScope.register(staffManagementRoutes, auth);
          await adminScope.register(adminBookingRoutes, { db, clock });
          await adminScope.register(adminProfileLinkRoutes, { db, clock });
          await adminScope.register(adminDocumentRoutes, { db, clock });
          await adminScope.register(officeClientRoutes, auth);
          await adminScope.register(officeClinicianRoutes, { db, clock });
        },
        { prefix: '/admin' },
      );
    },
    { prefix: '/p/:practice' },
  );
  if (config.mode === 'development') await app.register(devOutboxRoutes, { db });

  return app;
}

/**
 * The PIN hasher for this app: with the configured pepper; in development without one, a
 * random pepper for this process only (tests, tools); in production without one, none.
 */
function pinHasherFor(config: AppConfig): PinHasher | undefined {
  const options = { logN: config.pinScryptLogN };
  if (config.pinPepper) return new PinHasher(config.pinPepper, options);
  return config.mode === 'development' ? new PinHasher(randomBytes(32), options) : undefined;
}
