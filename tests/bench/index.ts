/**
 * `pnpm bench NAME [options]`: benchmarks that print numbers (never timed assertions in the suite).
 *   live   mutation → statistics event latency at wall subscribers through the gateway
 *   stats  the wall's national statistics reads on a seeded data set (default 100000 organizations)
 */

import { benchLive } from './live.js';
import { benchStats } from './stats.js';

const [name, ...rest] = process.argv.slice(2);
const benches: Record<string, (args: string[]) => Promise<void>> = { live: benchLive, stats: benchStats };
const bench = name ? benches[name] : undefined;
if (!bench) {
  process.stderr.write(`pnpm bench: name one of ${Object.keys(benches).join(', ')}\n`);
  process.exit(2);
}
await bench(rest);
