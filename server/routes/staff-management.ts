import type { FastifyPluginAsync } from 'fastify';
import * as op from '../../src/contract/operations/staff.js';
import type { AuthDeps } from '../auth/deps.js';
import { transaction } from '../db/transaction.js';
import { listApiKeys } from '../repos/api-keys.js';
import { listStaff } from '../repos/staff.js';
import { audit } from '../request/audit.js';
import { officeOf, practiceOf } from '../request/context.js';
import { requestMeta } from '../request/meta.js';
import { makeApiKey, revokeKey } from '../staff/api-keys.js';
import { addStaffMember, updateStaffMember } from '../staff/members.js';
import { apiKeyView, staffView } from '../staff/present.js';
import { defineRoute } from './define-route.js';

/** Owners' routes under `/p/:practice/admin`: the practice's staff and API keys (office:owner). */
export const staffManagementRoutes: FastifyPluginAsync<AuthDeps> = async (app, deps) => {
  defineRoute(app, op.listStaff, async (request) => {
    const practice = practiceOf(request);
    const staff = listStaff(deps.db, practice.id);
    transaction(deps.db, () =>
      audit(deps, { practice, meta: requestMeta(request), office: officeOf(request) }, { action: 'sensitive_read', resourceType: 'staff_members' }),
    );
    return { staff: staff.map(staffView) };
  });

  defineRoute(app, op.createStaff, async (request, reply) => {
    const { staff, invited } = addStaffMember(deps, practiceOf(request), officeOf(request), requestMeta(request), request.body);
    return reply.code(201).send({ staff: staffView(staff), invitation: invited ? 'sent' : 'no_console_url' });
  });

  defineRoute(app, op.updateStaff, async (request) =>
    staffView(updateStaffMember(deps, practiceOf(request), officeOf(request), requestMeta(request), Number(request.params.staffId), request.body)),
  );

  defineRoute(app, op.listApiKeys, async (request) => {
    const practice = practiceOf(request);
    return { keys: listApiKeys(deps.db, practice.id).map(apiKeyView) };
  });

  defineRoute(app, op.createApiKey, async (request, reply) => {
    const { key, secret } = makeApiKey(deps, practiceOf(request), officeOf(request), requestMeta(request), request.body);
    return reply.code(201).send({ key: apiKeyView(key), secret });
  });

  defineRoute(app, op.revokeApiKey, async (request, reply) => {
    revokeKey(deps, practiceOf(request), officeOf(request), requestMeta(request), Number(request.params.keyId));
    return reply.code(204).send(null);
  });
};
