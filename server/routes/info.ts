import type { FastifyPluginAsync } from 'fastify';
import { getPracticeInfo } from '../../src/contract/operations/practice.js';
import { practiceOf } from '../request/context.js';
import { defineRoute } from './define-route.js';

/** `GET /p/:practice/info`: public facts a widget shows before sign-in. */
export const infoRoutes: FastifyPluginAsync = async (app) => {
  defineRoute(app, getPracticeInfo, async (request) => {
    const practice = practiceOf(request);
    return {
      name: practice.name,
      phone: practice.phone,
      phoneDisplay: practice.phoneDisplay,
      timeZone: practice.timeZone,
      languages: practice.languages,
    };
  });
};
