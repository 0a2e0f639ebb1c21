/** The `quarry` command's process entry: bin/quarry.js runs it compiled (dist/), tests run it from the sources through tsx. */
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
