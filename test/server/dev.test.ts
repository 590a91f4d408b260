import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startDev } from '../../server/dev.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { tempDir } from './helpers.js';

describe('startDev (what npm start and the e2e tests run)', () => {
  test('two origins on ephemeral ports, seeded, CORS open to the demo site only, restartable', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    try {
      const dev = await startDev({ port: 0, endpointPort: 0, dataDir: dir.path, quiet: true });
      let closed = false;
      try {
        const demoPort = new URL(dev.demoUrl).port;
        assert.match(dev.demoUrl, /^http:\/\/localhost:\d+$/);
        assert.match(dev.endpointUrl, /^http:\/\/localhost:\d+\/p\/lakeside$/);
        assert.equal(dev.endpointOrigin, new URL(dev.endpointUrl).origin);
        assert.notEqual(dev.endpointOrigin, dev.demoUrl, 'two origins');
        assert.match(dev.adminToken, /^[0-9a-f]{64}$/);

        for (const origin of [dev.demoUrl, `http://127.0.0.1:${demoPort}`]) {
          const info = await fetch(`${dev.endpointUrl}/info`, { headers: { origin } });
          assert.equal(info.status, 200);
          assert.equal(info.headers.get('access-control-allow-origin'), origin);
        }
        const stranger = await fetch(`${dev.endpointUrl}/info`, { headers: { origin: 'http://localhost:1' } });
        assert.equal(stranger.headers.get('access-control-allow-origin'), null);

        const page = await (await fetch(`${dev.demoUrl}/`)).text();
        assert.ok(!page.includes('__PORTAL_ENDPOINT__'), 'placeholders replaced');
        assert.ok(page.includes(dev.endpointUrl));
        const consolePage = await (await fetch(`${dev.demoUrl}/console.html`)).text();
        // The console signs staff in by emailed link: the page carries no credential.
        assert.ok(consolePage.includes('<office-console'));
        assert.ok(!consolePage.includes(dev.adminToken));

        const settings = await fetch(`${dev.endpointUrl}/admin/settings`, { headers: { authorization: `Bearer ${dev.adminToken}` } });
        assert.equal((await settings.json()).portalUrl, `${dev.demoUrl}/portal.html`);
        assert.equal((await fetch(`${dev.endpointOrigin}/dev/outbox.json`)).status, 200);
        assert.equal((await fetch(`${dev.endpointOrigin}/healthz`)).status, 200);
        await dev.close();
        closed = true;
        await dev.close(); // idempotent
      } finally {
        if (!closed) await dev.close();
      }

      // Same data folder, new ports: the allow-list follows the demo site, old ports go.
      const again = await startDev({ port: 0, endpointPort: 0, dataDir: dir.path, quiet: true });
      try {
        const practice = findPracticeBySlug(again.db, 'lakeside')!;
        const port = new URL(again.demoUrl).port;
        assert.deepEqual(practice.allowedOrigins, [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
      } finally {
        await again.close();
      }
    } finally {
      dir.cleanup();
    }
  });
});
