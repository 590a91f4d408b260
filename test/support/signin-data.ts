import type { SessionCreated, SessionInfo } from '../../src/contract/index.js';

export const sessionInfo: SessionInfo = {
  maskedEmail: 'j•••@example.com',
  language: 'en',
  idleTimeoutSeconds: 900,
  idleExpiresAt: '2026-11-28T12:15:00.000Z',
  expiresAt: '2026-11-29T00:00:00.000Z',
};

export const sessionCreated: SessionCreated = { token: 'session-token', session: sessionInfo };

export const LINK_TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE';
