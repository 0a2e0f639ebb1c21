/**
 * The wire between the page and the search worker: WorkerApi calls as
 * plain, declared messages on one port. It replaced comlink (2.5 kB gzip on
 * each side of the boundary, most of the keyword path's code budget in
 * issue 14) because the API is four methods with at most one callback each:
 * proxies, transfer handlers and per-callback ports were weight the first
 * visit paid for and never used. One port also keeps every stage update of
 * a search ahead of that search's answer, which comlink's separate callback
 * ports did not.
 *
 * Both sides live here, so the message shapes are declared once; each
 * bundle keeps only the side it imports. No DOM APIs: `Port` is what a
 * Worker, a worker's global scope and a MessagePort all provide.
 */
import { toQuarryError, type QuarryError, type QuarryErrorCode } from '../core/errors.ts';
import type { Answer, SearchOptions, SearchResponse } from '../core/search/types.ts';
import type { ClientStatus, LoadProgress, WorkerApi, WorkerConfig } from './worker-api.ts';

/** What both ends of the wire need from their port. */
export interface Port {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start?(): void;
}

/** The methods a page calls; each takes its arguments in WorkerApi's order, a callback last where WorkerApi has one. */
type Method = 'init' | 'search' | 'answer' | 'status';

/** Page → worker. */
export type Request =
  /**
   * The version probe, the first message a page sends. It has the shape of
   * comlink's property read so that a cached 0.1 worker (which spoke
   * comlink) still answers it with `{ id, value }`, and the page can refuse it by
   * version instead of waiting forever.
   */
  | { id: number; type: 'GET'; path: ['version'] }
  | { id: number; type: 'call'; method: Method; args: unknown[] };

/** Worker → page. Every reply carries the request's id; a call's events all arrive before its result. */
export type Reply =
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; error: { code: QuarryErrorCode; message: string } }
  /** One invocation of the call's callback (init's progress, search's stage updates). */
  | { id: number; type: 'event'; value: unknown };

/** Serves `api` on `port` (the worker's global scope). `fallback`: the code for an error thrown without one. */
export function serveWorkerApi(api: WorkerApi, port: Port, fallback: QuarryErrorCode = 'WORKER_FAILED'): void {
  const handlers: Record<Method, (args: unknown[], emit: (value: unknown) => void) => Promise<unknown>> = {
    init: ([config], emit) => api.init(config as WorkerConfig, emit as (p: LoadProgress) => void),
    search: ([query, options], emit) => api.search(query as string, options as SearchOptions, emit as (r: SearchResponse) => void),
    answer: ([query, passages]) => api.answer(query as string, passages as number[]),
    status: () => api.status(),
  };
  port.addEventListener('message', ({ data }) => {
    const request = data as Request;
    if (typeof request?.id !== 'number') return;
    const reply = (r: Reply) => port.postMessage(r);
    if (request.type === 'GET') return reply({ id: request.id, type: 'result', value: api.version });
    const handler = request.type === 'call' && Object.hasOwn(handlers, request.method) ? handlers[request.method] : null;
    if (!handler) {
      return reply({ id: request.id, type: 'error', error: { code: fallback, message: `The search worker got a request it does not know: ${JSON.stringify(data).slice(0, 200)}` } });
    }
    const emit = (value: unknown) => reply({ id: request.id, type: 'event', value });
    Promise.resolve()
      .then(() => handler(Array.isArray(request.args) ? request.args : [], emit))
      .then(
        (value) => reply({ id: request.id, type: 'result', value }),
        (e: unknown) => reply({ id: request.id, type: 'error', error: toQuarryError(e, fallback).toJSON() }),
      );
  });
  port.start?.();
}

/** WorkerApi as the page sees it: every member is a call. */
export interface WorkerConnection {
  version(): Promise<unknown>;
  init(config: WorkerConfig, onProgress: (p: LoadProgress) => void): Promise<ClientStatus>;
  search(query: string, options: SearchOptions, onUpdate: (r: SearchResponse) => void): Promise<void>;
  answer(query: string, passages: number[]): Promise<Answer | null>;
  status(): Promise<ClientStatus>;
  /** Stops listening; calls still waiting stay unsettled (the caller rejects them: see worker-client.ts). */
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: QuarryError): void;
  onEvent?: (value: unknown) => void;
  /** Events keep coming after the result: the entry stays (init's progress). */
  keep?: boolean;
}

/**
 * The page's side. `fallback`: the code for an error that crossed without
 * one. init's progress callback outlives its call (the model keeps
 * reporting after the index is ready); every other callback ends with its call.
 */
export function connectWorkerApi(port: Port, fallback: QuarryErrorCode = 'WORKER_FAILED'): WorkerConnection {
  let next = 0;
  const pending = new Map<number, Pending>();
  const listener = ({ data }: { data: unknown }) => {
    const reply = data as Reply;
    const call = pending.get(reply?.id);
    if (!call) return;
    if (reply.type === 'event') return call.onEvent?.(reply.value);
    if (!call.keep) pending.delete(reply.id);
    // A 0.1 worker's reply to the version probe is `{ id, type: 'RAW', value }`: anything but an error carries its value.
    if (reply.type === 'error') call.reject(toQuarryError(reply.error, fallback));
    else call.resolve((reply as { value?: unknown }).value);
  };
  port.addEventListener('message', listener);
  port.start?.();

  const send = <T>(request: Request, onEvent?: (value: unknown) => void, keep = false): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      pending.set(request.id, { resolve: resolve as (v: unknown) => void, reject, onEvent, keep });
      port.postMessage(request);
    });
  const call = <T>(method: Method, args: unknown[], onEvent?: (value: never) => void, keep = false) =>
    send<T>({ id: ++next, type: 'call', method, args }, onEvent as (value: unknown) => void, keep);

  return {
    version: () => send({ id: ++next, type: 'GET', path: ['version'] }),
    init: (config, onProgress) => call('init', [config], onProgress, true),
    search: (query, options, onUpdate) => call('search', [query, options], onUpdate),
    answer: (query, passages) => call('answer', [query, passages]),
    status: () => call('status', []),
    close() {
      port.removeEventListener('message', listener);
      pending.clear();
    },
  };
}
