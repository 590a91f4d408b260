import swagger from '@fastify/swagger';
import { ErrorBody } from '../../src/contract/index.js';
import type { PortalApp } from '../app-types.js';

const DESCRIPTION = `The HTTP/JSON protocol between the client-portal widgets and a portal endpoint.

The endpoint URL names one practice: every path below \`/p/{practice}\` is relative to it.
Errors are always \`{ "error": { "code", "message", "fields"? } }\`; widgets map the stable
\`code\` to localized text and never show \`message\`.

Browsers may call a practice's paths only from the exact origins on its allow-list (CORS).`;

/**
 * OpenAPI 3.1 generated from the route schemas (@fastify/swagger), served at `/openapi.json`
 * and written to `docs/openapi.json` by `scripts/write-openapi.ts`. Must be installed before
 * any route so it sees them all.
 */
export async function installOpenApi(app: PortalApp, version: string): Promise<void> {
  // Every route's answers may $ref it, test fixtures' too; the other named schemas are
  // registered by the routes that use them (defineRoute).
  app.addSchema(ErrorBody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Client portal endpoint',
        version,
        description: DESCRIPTION,
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // Relative: paths resolve against whichever endpoint serves this document (`/openapi.json`).
      servers: [{ url: '/', description: 'The endpoint serving this document.' }],
      tags: [
        { name: 'practice', description: 'Public facts about a practice; no sign-in needed.' },
        {
          name: 'auth',
          description:
            'Sign-in by emailed link or office-issued PIN, and the bearer session. Sign-in links work once, for 24 hours, ' +
            'and only the newest works: longer than NIST SP 800-63B and ASVS 6.5.5 allow for out-of-band secrets (10 minutes), ' +
            'a documented product deviation compensated by single use, latest-only, click-to-redeem (no GET), per-address and ' +
            'per-client throttles, and 15-minute idle / 12-hour absolute sessions.',
        },
        {
          name: 'phi',
          description:
            'Answers with or changes protected health information (including who is a client of the practice). ' +
            'Every call writes one audit event (R36).',
        },
        { name: 'admin', description: "The practice's side (the console, the practice's own systems): a staff session or an API key." },
        { name: 'operations', description: 'Health and discovery for operators.' },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A session token from sign-in. The widgets keep it in memory only (no cookies, no storage); ' +
              'it expires after the idle or absolute timeout of the practice.',
          },
          officeBearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              "The practice's side: a staff member's console session token (from the staff sign-in link), " +
              'or one of the practice\'s API keys (`cpk_…`, created by an owner, scoped read/write/webhooks). ' +
              'In development mode only, the server\'s admin token also works. A credential of another practice answers 404.',
          },
        },
      },
      // Client routes need a session unless they say otherwise (`security: []`).
      security: [{ bearer: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  });
}

/** Object keys sorted recursively (arrays keep their order): the same document serialises the same way. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The OpenAPI document with a stable key order; what `/openapi.json` serves and the script writes. */
export function openApiDocument(app: PortalApp): unknown {
  return sortKeys(app.swagger());
}
