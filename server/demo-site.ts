import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { loggerOptions, pathWithoutQuery, type LoggerOption } from './logging.js';

export interface DemoSiteOptions {
  /** The sample practice website (`demo/`). */
  demoDir: string;
  /** The built widget bundle (`dist/`), served under `/widgets/`. */
  distDir: string;
  /** The endpoint URL for the demo practice, e.g. http://localhost:8081/p/lakeside. */
  endpointUrl: string;
  /** The endpoint's origin, e.g. http://localhost:8081. */
  endpointOrigin: string;
  /** Written into console.html only; pass it in development only. */
  adminToken?: string;
  logger?: LoggerOption;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

/** The demo page served under a strict Content-Security-Policy (R64, F16). */
export const STRICT_DEMO_PAGE = 'strict.html';

/** The Trusted Types policies the widgets create: Lit's templates, and DOMPurify for clinician HTML. */
export const WIDGET_TRUSTED_TYPES = ['lit-html', 'dompurify'] as const;

/**
 * The strict policy `strict.html` is served with: what a practice embedding the widgets from
 * its own origin must allow and nothing more (README, "Content Security Policy"). `blob:` frames,
 * images and media are the files the uploader opens; `reportUri` adds a `report-uri`.
 */
export function strictDemoCsp(endpointOrigin: string, reportUri?: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${endpointOrigin}`,
    "img-src 'self' blob: data:",
    'media-src blob:',
    'frame-src blob:',
    "font-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${WIDGET_TRUSTED_TYPES.join(' ')}`,
    ...(reportUri === undefined ? [] : [`report-uri ${reportUri}`]),
  ].join('; ');
}

/** Replacement values go into HTML attributes and scripts verbatim, so only plain URL/token characters pass. */
const SAFE_VALUE = /^[A-Za-z0-9:/._~\-[\]]+$/;

function checkedValue(name: string, value: string): string {
  if (!SAFE_VALUE.test(value)) throw new Error(`${name} has characters that cannot go into the demo pages: ${value}`);
  return value;
}

/**
 * The demo practice website, on its own origin (a practice site and its portal endpoint are
 * two origins, so CORS is exercised for real). Files are read on every request, so edits
 * to `demo/` show on reload. In `.html` files `__PORTAL_ENDPOINT__` and `__PORTAL_ORIGIN__`
 * become the endpoint's URL and origin; `__ADMIN_TOKEN__` is filled in console.html only.
 */
export async function buildDemoSite(options: DemoSiteOptions): Promise<FastifyInstance> {
  const endpointUrl = checkedValue('endpointUrl', options.endpointUrl);
  const endpointOrigin = checkedValue('endpointOrigin', options.endpointOrigin);
  const adminToken = options.adminToken === undefined ? undefined : checkedValue('adminToken', options.adminToken);
  const root = realpathSync(options.demoDir);

  const app = Fastify({ logger: loggerOptions(options.logger) });

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-cache');
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });

  await app.register(fastifyStatic, {
    root: resolve(options.distDir),
    prefix: '/widgets/',
    decorateReply: false,
    dotfiles: 'deny',
    index: false,
    cacheControl: false, // the onSend hook above sets no-cache
    etag: true,
  });

  function render(fileName: string, text: string): string {
    let out = text.replaceAll('__PORTAL_ENDPOINT__', endpointUrl).replaceAll('__PORTAL_ORIGIN__', endpointOrigin);
    if (fileName === 'console.html' && adminToken !== undefined) out = out.replaceAll('__ADMIN_TOKEN__', adminToken);
    return out;
  }

  async function notFound(reply: FastifyReply) {
    return reply.code(404).type('text/html; charset=utf-8').send('<!doctype html><title>Not found</title><h1>Not found</h1>');
  }

  async function serve(request: FastifyRequest, reply: FastifyReply) {
    let path: string;
    try {
      path = decodeURIComponent(pathWithoutQuery(request.url));
    } catch {
      return notFound(reply);
    }
    if (path.includes('\0') || path.split('/').some((segment) => segment.startsWith('.'))) return notFound(reply);
    if (path.endsWith('/')) path += 'index.html';
    const candidate = resolve(root, `.${path}`);
    if (!candidate.startsWith(root + sep)) return notFound(reply);
    let file: string;
    try {
      file = await realpath(candidate); // a symlink must not lead out of demo/ either
      if (!file.startsWith(root + sep)) return notFound(reply);
      const info = await stat(file);
      if (info.isDirectory()) return reply.redirect(`${pathWithoutQuery(request.url)}/`);
      if (!info.isFile()) return notFound(reply);
    } catch {
      return notFound(reply);
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const bytes = await readFile(file);
    reply.type(type);
    if (file.slice(file.lastIndexOf(sep) + 1) === STRICT_DEMO_PAGE) reply.header('content-security-policy', strictDemoCsp(endpointOrigin));
    if (extname(file).toLowerCase() === '.html') return render(file.slice(file.lastIndexOf(sep) + 1), bytes.toString('utf8'));
    return bytes;
  }

  app.get('/', serve);
  app.get('/*', serve);
  return app;
}
