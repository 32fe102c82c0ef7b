/**
 * `pnpm bench NAME [options]`: benchmarks that print numbers (never timed assertions in the suite).
 *   live   mutation → statistics event latency at wall subscribers through the gateway
 */

import { benchLive } from './live.js';

const [name, ...rest] = process.argv.slice(2);
const benches: Record<string, (args: string[]) => Promise<void>> = { live: benchLive };
const bench = name ? benches[name] : undefined;
if (!bench) {
  process.stderr.write(`pnpm bench: name one of ${Object.keys(benches).join(', ')}\n`);
  process.exit(2);
}
await bench(rest);
