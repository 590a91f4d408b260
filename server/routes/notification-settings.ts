import type { FastifyPluginAsync } from 'fastify';
import { getNotificationSettings, updateNotificationSettings } from '../../src/contract/operations/webhooks.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { notificationSettings, setNotifyOffice } from '../repos/staff-notifications.js';
import { audit } from '../request/audit.js';
import { practiceOf } from '../request/context.js';
import { defineRoute } from './define-route.js';
import { sourceOf } from './webhooks.js';

/** `/p/:practice/admin/notifications` (owners): whether office staff get the notification emails too. */
export const notificationSettingsRoutes: FastifyPluginAsync<{ db: Db; clock: Clock }> = async (app, deps) => {
  defineRoute(app, getNotificationSettings, async (request) => ({
    notifyOffice: notificationSettings(deps.db, practiceOf(request).id)?.notifyOffice ?? true,
  }));
  defineRoute(app, updateNotificationSettings, async (request) => {
    const source = sourceOf(request);
    transaction(deps.db, () => {
      setNotifyOffice(deps.db, deps.clock.now(), source.practice.id, request.body.notifyOffice);
      audit(deps, source, { action: 'sensitive_update', resourceType: 'notification_settings' });
    });
    return { notifyOffice: request.body.notifyOffice };
  });
};
