/** Worker entry: serves the SearchService to the page (src/protocol/rpc.ts). */
import { serveWorkerApi } from '../src/protocol/rpc.ts';
import { SearchService } from './search-service.ts';

// An error without a code here means the worker failed to answer.
serveWorkerApi(new SearchService(), self as unknown as Parameters<typeof serveWorkerApi>[1], 'WORKER_FAILED');
