import { PracticeSettings } from '../admin.js';
import { Health, PracticeInfo, PracticeParams } from '../info.js';
import { operation } from '../operation.js';
import { refTo } from '../ref.js';

// Public facts about a practice, its configuration for the office, and the operators' health check.

export const getHealth = operation({
  operationId: 'getHealth',
  method: 'GET',
  path: '/healthz',
  permission: 'public',
  clientMethod: null,
  summary: 'Liveness and dependency checks',
  description:
    'Always 200 while the process serves requests; `status` is `degraded` when a check fails ' +
    '(database unreachable, migrations pending, mail overdue or being retried).',
  tags: ['operations'],
  responses: { 200: refTo(Health, 'The checks.') },
});

export const getPracticeInfo = operation({
  operationId: 'getPracticeInfo',
  method: 'GET',
  path: '/p/:practice/info',
  permission: 'public',
  clientMethod: 'getInfo',
  summary: 'Public facts about the practice',
  description: 'Name, office phone, time zone and languages. Safe to show before sign-in; needs no token.',
  tags: ['practice'],
  params: PracticeParams,
  responses: { 200: refTo(PracticeInfo, 'The practice.') },
});

export const getPracticeSettings = operation({
  operationId: 'getPracticeSettings',
  method: 'GET',
  path: '/p/:practice/admin/settings',
  permission: 'office:read',
  clientMethod: null,
  summary: "The practice's configuration",
  description: 'Everything the clinician console shows about the practice. Holds no secrets.',
  tags: ['admin'],
  params: PracticeParams,
  responses: { 200: refTo(PracticeSettings, 'The configuration.') },
});
