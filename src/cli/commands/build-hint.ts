/**
 * What `quarry build` tells the user to add to their pages. The script path
 * is where the site serves the index (the index folder relative to the site
 * root), and there is no script tag at all for a quarry.js the build did not
 * write.
 */
import { isAbsolute, relative, sep } from 'node:path';

export interface HintInput {
  siteDir: string;
  outDir: string;
  /** quarry.js is among the files this build wrote. */
  wroteWidget: boolean;
}

export function pagesHint({ siteDir, outDir, wroteWidget }: HintInput): string {
  if (!wroteWidget) {
    return (
      'The widget (quarry.js) was not written: this Quarry install has no widget bundle.\n' +
      '  Install Quarry from npm (`npm install quarry`), or run `npm run build` in a clone of Quarry, then build again.\n'
    );
  }
  const rel = relative(siteDir, outDir);
  const widget = (src: string) => `  <script type="module" src="${src}"></script>\n  <quarry-search></quarry-search>\n`;
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return (
      `The index folder is outside the site: serve ${outDir} from your site (for example at /_quarry/), then add to your pages:\n` +
      widget('/_quarry/quarry.js')
    );
  }
  return `Add to your pages:\n${widget(`/${rel.split(sep).join('/')}/quarry.js`)}`;
}
