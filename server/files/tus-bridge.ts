import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream';
import { ByteLengthQueuingStrategy, ReadableStream } from 'node:stream/web';
import type { ErrorCode } from '../../src/contract/index.js';
import { errorBody } from '../errors.js';
import type { TusCall, TusRequest } from './upload-service.js';

/**
 * The web-style request @tus/server 2 reads (method, url, headers, body), made from
 * Fastify's raw Node request after the session and profile guards ran. The body stream is
 * created only when tus reads it, so HEAD and DELETE never touch the socket. `runtime.node`
 * is the shape @tus/server looks for to abort an upload whose client went away.
 */
export function tusRequest(request: FastifyRequest, reply: FastifyReply, call: TusCall): TusRequest {
  const raw = request.raw;
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw.headers)) {
    // tus has no use for credentials; they stay out of its reach (and of its debug log).
    if (value === undefined || name === 'authorization' || name === 'cookie') continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: ReadableStream | undefined;
  const adapter = {
    call,
    method: raw.method,
    // Only the path matters to tus (and to nothing else here: Location comes from `call`).
    url: `http://endpoint.invalid${raw.url ?? '/'}`,
    headers,
    get body() {
      return (body ??= webBody(raw));
    },
    runtime: { name: 'node', node: { req: raw, res: reply.raw } },
  };
  // The adapter has every member @tus/server reads; the rest of `Request` is never touched.
  return adapter as unknown as TusRequest;
}

/** How much of the body may wait between the socket and the file writer. */
const BODY_QUEUE_BYTES = 1024 * 1024;

/**
 * The request body as the web stream @tus/server reads (it turns it straight back into a
 * Node stream). Not `Readable.toWeb`: on Node 20 that copies every chunk into a new
 * Uint8Array, half a gigabyte of copying and garbage for a 512 MB upload. Chunks pass as they
 * are; the socket pauses when the queue is full. A client that goes away errors the stream,
 * which @tus/server treats as an aborted upload (what arrived so far is kept).
 */
function webBody(raw: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        raw.pause();
        raw.on('data', (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) raw.pause();
        });
        const cleanup = finished(raw, (error) => {
          cleanup();
          if (error) controller.error(error);
          else controller.close();
        });
      },
      pull() {
        raw.resume();
      },
      cancel(reason) {
        raw.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: BODY_QUEUE_BYTES }),
  );
}

/** tus headers the widget needs (CORS exposes them); tus's own CORS headers are dropped: the app's CORS decides. */
const PASSED_HEADERS = ['tus-resumable', 'upload-offset', 'upload-length', 'upload-metadata', 'upload-expires', 'location', 'connection'];

/** tus statuses, as the portal's error codes (the body is always the standard error shape). */
function answerForStatus(status: number): { status: number; code: ErrorCode } {
  if (status === 404 || status === 410) return { status: 404, code: 'not_found' }; // unknown, swept or finished upload
  if (status === 409) return { status: 409, code: 'conflict' }; // Upload-Offset is not the upload's offset
  if (status === 413) return { status: 413, code: 'payload_too_large' }; // more bytes than the declared length
  if (status === 503) return { status: 503, code: 'unavailable' };
  if (status >= 500 && status !== 501) return { status: 500, code: 'server' };
  return { status: 400, code: 'validation' }; // a missing or malformed tus header, an unsupported extension (501)
}

/**
 * Sends @tus/server's answer through Fastify, so the app's hooks still add the security and
 * CORS headers: the tus headers, then the stored file (the completing request, 200), an empty
 * success (201, 204, HEAD's 200), or the standard JSON error.
 */
export async function sendTusResponse(request: FastifyRequest, reply: FastifyReply, response: Response, call: TusCall): Promise<FastifyReply> {
  await response.body?.cancel();
  for (const name of PASSED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) reply.header(name, value);
  }
  if (call.stored) return reply.code(200).send({ file: call.stored });
  if (response.status < 400) return reply.code(response.status).send();
  if (call.refusal) {
    request.log.info({ code: call.refusal.code, status: call.refusal.status_code }, 'upload refused');
    return reply.code(call.refusal.status_code).send(call.refusal.errorBody());
  }
  const answer = answerForStatus(response.status);
  if (answer.status >= 500) request.log.error({ err: call.failure, tusStatus: response.status }, 'upload failed');
  else request.log.info({ code: answer.code, status: answer.status, tusStatus: response.status }, 'upload request refused');
  if (answer.status === 503) reply.header('retry-after', '5');
  return reply.code(answer.status).send(errorBody(answer.code));
}
