/**
 * The production entry point (`npm run serve:endpoint`): reads the configuration from the
 * environment, migrates the database, and serves the endpoint on ENDPOINT_PORT. Requires
 * PIN_PEPPER. `--seed demo` adds the demo practices to the database first. The practice's side
 * signs in as staff (the first owner from `npm run staff:add`) or uses API keys.
 */
import { systemClock } from './clock.js';
import { ConfigError, readServerConfig } from './config.js';
import { createEndpointRuntime } from './runtime.js';
import { seedDemo } from './seed/demo.js';
import { closeOnSignals } from './shutdown.js';

function seedArgument(argv: string[]): string | undefined {
  const i = argv.indexOf('--seed');
  return i === -1 ? undefined : (argv[i + 1] ?? '');
}

async function main(): Promise<void> {
  // Everything this process creates (database, uploads, tus's partial files) is owner-only.
  process.umask(0o077);
  const config = readServerConfig(process.env, 'production');
  const seed = seedArgument(process.argv.slice(2));
  if (seed !== undefined && seed !== 'demo') throw new ConfigError(`Unknown seed "${seed}"; the only one is "demo".`);
  // Where the demo practice's widgets may be embedded from when seeded here.
  const demoOrigins = (process.env.DEMO_SITE_ORIGINS ?? `http://localhost:${config.demoPort},http://127.0.0.1:${config.demoPort}`)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

  const runtime = await createEndpointRuntime({
    config,
    clock: systemClock,
    logger: { level: config.logLevel },
    prepare: seed ? (db) => seedDemo(db, systemClock, { origins: demoOrigins, portalUrl: null }) : undefined,
  });
  await runtime.app.listen({ port: config.endpointPort, host: config.host });
  runtime.worker.start();
  if (config.adminTokenIgnored) runtime.app.log.warn('ADMIN_TOKEN is set but ignored in production: staff sign in by link, systems use API keys');
  runtime.app.log.info({ mail: runtime.mailKind, mode: config.mode }, 'portal endpoint ready');
  closeOnSignals(runtime.close, (message) => runtime.app.log.info(message));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`Configuration error: ${err.message}`);
  } else {
    console.error('The portal endpoint could not start:', err);
  }
  process.exit(1);
});
