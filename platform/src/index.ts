import 'reflect-metadata';

export * from './cli.js';
export * from './config.js';
export * from './database.js';
export * from './demo-data.js';
export * from './errors.js';
export * from './events.js';
export * from './live-figure.js';
export * from './logger.js';
export * from './pagination.js';
export * from './process.js';
export * from './pubsub.js';
export * from './redis.js';
export * from './region-scope.js';
export * from './regions.js';
export * from './subgraph.js';
export * from './uscc.js';
export * from './viewer.js';
