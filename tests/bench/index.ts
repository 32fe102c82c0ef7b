/**
 * `pnpm bench NAME [options]`: benchmarks that print numbers (never timed assertions in the suite).
 *   gateway  ours, @apollo/gateway and a subgraph direct: req/s, p50/p99 and the ratios
 *   live   mutation → statistics event latency at wall subscribers through the gateway
 *   stats  the wall's national statistics reads on a seeded data set (default 100000 organizations)
 *   wall   the wall's JS heap in headless Chromium under 20 changes a second for 30 minutes
 *   scale  the wall's reads, its whole open and a simulated day on the kept 100k data set
 *   wall-open  the built wall opened cold in headless Chromium, where the time goes until every panel is ready
 */

import { stopStartedSystems } from '../utils/system.js';
import { benchGateway } from './gateway.js';
import { benchLive } from './live.js';
import { benchScale } from './scale.js';
import { benchStats } from './stats.js';
import { benchWall } from './wall.js';
import { benchWallOpen } from './wall-open.js';

const [name, ...rest] = process.argv.slice(2);
const benches: Record<string, (args: string[]) => Promise<void>> = {
  gateway: benchGateway,
  live: benchLive,
  scale: benchScale,
  stats: benchStats,
  wall: benchWall,
  'wall-open': benchWallOpen,
};
const bench = name ? benches[name] : undefined;
if (!bench) {
  process.stderr.write(`pnpm bench: name one of ${Object.keys(benches).join(', ')}\n`);
  process.exit(2);
}
// Ctrl-C or SIGTERM stops the servers the bench started and drops its databases, which its own `finally`
// would not get to do. A bench that handles the signal itself (the wall bench reports what it measured
// first) is left to; a second Ctrl-C then stops everything. (`pnpm bench` runs this file with
// `node --import tsx`, not the tsx command, which kills a child that does not answer a signal in 30 ms.)
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (process.listenerCount(signal) > 1) return;
    interrupted = true;
    process.stderr.write(`bench: ${signal}: stopping the servers it started…\n`);
    void stopStartedSystems().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}
await bench(rest).catch((error: unknown) => {
  // what fails because its servers were stopped under it is not news; the handler exits when done
  if (!interrupted) throw error;
});
