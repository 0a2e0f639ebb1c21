/** Worker entry: exposes the SearchService over comlink. */
import { expose } from 'comlink';
import { installErrorTransfer } from '../src/protocol/error-transfer.ts';
import { releasingSearchCallbacks } from './release-callbacks.ts';
import { SearchService } from './search-service.ts';

// An error without a code here means the worker failed to answer.
installErrorTransfer('WORKER_FAILED');
expose(releasingSearchCallbacks(new SearchService()));
