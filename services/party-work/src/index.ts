// type-graphql's decorators need the polyfill before the first class of the schema is defined
import 'reflect-metadata';
import { runService } from '@pb/platform/process';
import { createPartyWorkApp } from './app.js';
import { readPartyWorkConfig } from './config.js';

await runService('party-work', async () => {
  const app = await createPartyWorkApp(readPartyWorkConfig());
  await app.start();
  return app;
});
