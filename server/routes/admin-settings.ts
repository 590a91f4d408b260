import type { FastifyPluginAsync } from 'fastify';
import { getPracticeSettings } from '../../src/contract/operations/practice.js';
import { practiceOf } from '../request/context.js';
import { defineRoute } from './define-route.js';

/** `GET /p/:practice/admin/settings`: the practice's configuration, minus secrets. */
export const adminSettingsRoutes: FastifyPluginAsync = async (app) => {
  defineRoute(app, getPracticeSettings, async (request) => {
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
  });
};
