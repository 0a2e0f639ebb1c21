/**
 * The drop-in bundle (`_quarry/quarry.js`): registers <quarry-search> wired
 * to the search worker. The index defaults to this script's own folder, so
 * a page needs only the script tag and the element.
 */
import { registerOfflineSupport } from './client/offline.ts';
import { defineQuarrySearch } from './widget.ts';

const scriptFolder = new URL(/* @vite-ignore */ './', import.meta.url).href;

defineQuarrySearch({ defaultIndexUrl: scriptFolder });
registerOfflineSupport(scriptFolder);
