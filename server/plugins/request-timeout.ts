import { Socket } from 'node:net';
import type { PortalApp } from '../app-types.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route streams a large body (an upload PATCH): instead of the whole-request limit,
     * the connection is cut only when no byte moves for `idleTimeoutMs`.
     */
    streamedBody?: { idleTimeoutMs: number };
  }
}

/** How long a client may take to send a whole request (headers and body) to any other route. */
export const REQUEST_TIMEOUT_MS = 120_000;

/**
 * Slow clients cannot hold a request open forever (F12), yet a 500 MB upload over a phone
 * connection takes far longer than two minutes. Node's `requestTimeout` is one number for the
 * whole server and counts until the body is fully received, so it would cut every long upload
 * PATCH. The app therefore sets it to 0 and this hook applies the same limit per request:
 * a request whose body is not complete `timeoutMs` after it started has its socket destroyed
 * (as Node would do), except on `streamedBody` routes, which get an idle limit instead: a
 * body that has not moved by a byte for a whole `idleTimeoutMs` is cut. Headers stay bounded
 * by Node's `headersTimeout`.
 */
export function installRequestTimeout(app: PortalApp, timeoutMs = REQUEST_TIMEOUT_MS): void {
  app.addHook('onRequest', (request, reply, done) => {
    const socket = request.raw.socket;
    // Requests injected by tests (light-my-request) have no real socket to time out.
    if (!(socket instanceof Socket)) {
      done();
      return;
    }
    const streamed = request.routeOptions.config.streamedBody;
    if (streamed) {
      // Polls the bytes read rather than using socket.setTimeout: that timer is Node's own
      // keep-alive timeout once the response is sent, and must not be disturbed.
      let seen = socket.bytesRead;
      const watchdog = setInterval(() => {
        if (request.raw.complete) clearInterval(watchdog);
        else if (socket.bytesRead === seen) socket.destroy();
        else seen = socket.bytesRead;
      }, streamed.idleTimeoutMs);
      watchdog.unref();
      reply.raw.once('close', () => clearInterval(watchdog));
    } else {
      const timer = setTimeout(() => {
        if (!request.raw.complete) socket.destroy();
      }, timeoutMs);
      timer.unref();
      reply.raw.once('close', () => clearTimeout(timer));
    }
    done();
  });
}
