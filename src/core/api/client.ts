import type { PracticeInfo } from '../../contract/index.js';
import type { Transport } from './transport.js';

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Typed verbs of the portal protocol. No DOM and no Lit here: a host page can use it
 * headless (the demo's header does), and elements reach the network only through it.
 */
export class PortalClient {
  constructor(private readonly transport: Transport) {}

  /** Public facts about the practice: name, phone, languages, time zone. */
  getInfo(options: CallOptions = {}): Promise<PracticeInfo> {
    return this.transport.send<PracticeInfo>({ method: 'GET', path: '/info', signal: options.signal });
  }
}
