import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PracticeParams, PracticeSettings } from '../../src/contract/index.js';
import { practiceOf } from '../request/context.js';
import { PRACTICE_ROUTE_ERRORS, errorResponses, ref } from '../schemas.js';

/** `GET /p/:practice/admin/settings`: the practice's configuration, minus secrets. */
export const adminSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings',
    {
      schema: {
        operationId: 'getPracticeSettings',
        summary: "The practice's configuration",
        description: 'Everything the clinician console shows about the practice. Holds no secrets.',
        tags: ['admin'],
        security: [{ adminBearer: [] }],
        params: PracticeParams,
        response: {
          200: ref(PracticeSettings, { description: 'The configuration.' }),
          ...errorResponses(401, ...PRACTICE_ROUTE_ERRORS),
        },
      },
    },
    async (request) => {
      const p = practiceOf(request);
      return {
        slug: p.slug,
        name: p.name,
        phone: p.phone,
        phoneDisplay: p.phoneDisplay,
        timeZone: p.timeZone,
        languages: p.languages,
        allowedOrigins: p.allowedOrigins,
        portalUrl: p.portalUrl,
        senderName: p.senderName,
        senderAddress: p.senderAddress,
        cancellationWindowHours: p.cancellationWindowHours,
        uploadMaxBytes: p.uploadMaxBytes,
        uploadQuotaBytes: p.uploadQuotaBytes,
        idleTimeoutSeconds: p.idleTimeoutSeconds,
        absoluteTimeoutSeconds: p.absoluteTimeoutSeconds,
        linkTtlSeconds: p.linkTtlSeconds,
      };
    },
  );
};
