/** Worker entry: exposes the SearchService over comlink. */
import { expose } from 'comlink';
import { installErrorTransfer } from '../src/protocol/error-transfer.ts';
import { SearchService } from './search-service.ts';

installErrorTransfer();
expose(new SearchService());
