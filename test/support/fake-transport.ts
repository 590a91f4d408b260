import type { PortalRequest, Transport } from '../../src/core/api/transport.js';
import { PortalApiError, type PortalErrorCode } from '../../src/core/api/errors.js';

type Responder = (request: PortalRequest) => unknown;

/**
 * A scripted Transport for component tests and stories: reply with data, fail with a
 * code, or hold a request until the test releases it. Records every request.
 */
export class FakeTransport implements Transport {
  readonly requests: PortalRequest[] = [];
  #routes = new Map<string, Responder>();
  #held = new Map<string, Array<() => void>>();
  #holdAll = new Set<string>();

  reply(route: string, data: unknown): this {
    this.#routes.set(route, () => structuredClone(data));
    return this;
  }

  fail(route: string, code: PortalErrorCode, init: ConstructorParameters<typeof PortalApiError>[1] = {}): this {
    this.#routes.set(route, () => {
      throw new PortalApiError(code, init);
    });
    return this;
  }

  /** Requests to `route` wait until release(route): for loading states. */
  hold(route: string): this {
    this.#holdAll.add(route);
    return this;
  }

  release(route: string): void {
    this.#holdAll.delete(route);
    for (const go of this.#held.get(route) ?? []) go();
    this.#held.delete(route);
  }

  get lastRequest(): PortalRequest | undefined {
    return this.requests.at(-1);
  }

  async send<T>(request: PortalRequest): Promise<T> {
    this.requests.push(request);
    // A route without a query string answers every query of that path (`GET /x/slots?…`).
    const exact = `${request.method} ${request.path}`;
    const bare = exact.split('?')[0];
    const route = this.#routes.has(exact) || this.#holdAll.has(exact) ? exact : bare;
    if (this.#holdAll.has(route)) {
      await new Promise<void>((resolve, reject) => {
        const list = this.#held.get(route) ?? [];
        list.push(resolve);
        this.#held.set(route, list);
        request.signal?.addEventListener('abort', () => reject(request.signal?.reason), { once: true });
      });
    }
    request.signal?.throwIfAborted();
    const responder = this.#routes.get(route);
    if (!responder) throw new PortalApiError('not_found', { status: 404 });
    return responder(request) as T;
  }
}
