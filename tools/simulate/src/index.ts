/**
 * The simulator as a library: the world it acts on and the weighted operations, for
 * `pnpm simulate` (cli.ts) and for tests that want realistic load through the gateway.
 */
export { OPERATIONS, type Operation, type OperationContext, runOne } from './operations.js';
export { formatSummary, type SimulationSummary, Simulator, type SimulatorOptions } from './simulator.js';
export { World } from './world.js';
