import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PracticeInfo, PracticeParams } from '../../src/contract/index.js';
import { practiceOf } from '../request/context.js';
import { PRACTICE_ROUTE_ERRORS, errorResponses, ref } from '../schemas.js';

/** `GET /p/:practice/info`: public facts a widget shows before sign-in. */
export const infoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/info',
    {
      schema: {
        operationId: 'getPracticeInfo',
        summary: 'Public facts about the practice',
        description: 'Name, office phone, time zone and languages. Safe to show before sign-in; needs no token.',
        tags: ['practice'],
        security: [],
        params: PracticeParams,
        response: { 200: ref(PracticeInfo, { description: 'The practice.' }), ...errorResponses(...PRACTICE_ROUTE_ERRORS) },
      },
    },
    async (request) => {
      const practice = practiceOf(request);
      return {
        name: practice.name,
        phone: practice.phone,
        phoneDisplay: practice.phoneDisplay,
        timeZone: practice.timeZone,
        languages: practice.languages,
      };
    },
  );
};
