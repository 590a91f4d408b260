import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientKey } from '../request/client-key.js';

/** How long sockets may idle and how many may be open (F12). Every field has a default. */
export interface ConnectionLimits {
  /** A socket with no byte in or out for this long is closed, including one that never sends a byte. */
  idleTimeoutMs: number;
  /** How long a socket kept alive after a response waits for the next request. */
  keepAliveTimeoutMs: number;
  /** A request's headers must all arrive within this (slow-header clients are cut, 408). */
  headersTimeoutMs: number;
  /** Open sockets across all clients; a socket past it is closed on accept. 0 = no cap. */
  maxConnections: number;
  /** Open sockets per client (IPv4 address, or IPv6 /64); a socket past it is closed on accept. 0 = no cap. */
  maxConnectionsPerClient: number;
}

/**
 * 60 s idle matches the upload idle limit (a paused upload PATCH is cut by either at the
 * same time); 5 s keep-alive is Node's own default; browsers open at most 6 sockets per
 * origin, so 50 per address leaves room for a whole office or family behind one NAT.
 */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  headersTimeoutMs: 20_000,
  maxConnections: 1_000,
  maxConnectionsPerClient: 50,
};

export function connectionLimits(overrides: Partial<ConnectionLimits> = {}): ConnectionLimits {
  return { ...DEFAULT_CONNECTION_LIMITS, ...overrides };
}

/**
 * The options Fastify passes to the HTTP server it creates. Node only checks `headersTimeout`
 * every `connectionsCheckingInterval` (30 s by default), so the interval follows the timeout.
 */
export function serverTimeoutOptions(limits: ConnectionLimits) {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(5_000, Math.max(100, Math.floor(limits.headersTimeoutMs / 4))),
    },
  };
}

/**
 * Caps the open sockets of the real HTTP server: in total (Node's `maxConnections` closes
 * the excess on accept), and per client with a `connection` listener counting sockets by
 * address. A socket over a client's cap is destroyed before it is read, so one host opening
 * thousands of silent sockets cannot starve everyone else. `exempt` lists peers not counted
 * per client (the trusted proxies, whose sockets carry many clients).
 */
export function installConnectionLimits(server: Server, limits: ConnectionLimits, exempt?: (address: string) => boolean): void {
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  if (limits.maxConnectionsPerClient <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined) {
      socket.destroy(); // already gone
      return;
    }
    if (exempt?.(address)) return;
    const key = clientKey(address);
    const count = open.get(key) ?? 0;
    if (count >= limits.maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    open.set(key, count + 1);
    socket.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
