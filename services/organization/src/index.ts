// type-graphql's decorators need the polyfill before the first class of the schema is defined
import 'reflect-metadata';
import { runService } from '@pb/platform/process';
import { createOrganizationApp } from './app.js';
import { readOrganizationConfig } from './config.js';

await runService('organization', async () => {
  const app = await createOrganizationApp(readOrganizationConfig());
  await app.start();
  return app;
});
