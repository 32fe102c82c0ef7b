import 'reflect-metadata';

export * from './config.js';
export * from './errors.js';
export * from './logger.js';
export * from './region-scope.js';
export * from './viewer.js';
