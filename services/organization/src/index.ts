import { runService } from '@pb/platform';
import { createOrganizationApp } from './app.js';
import { readOrganizationConfig } from './config.js';

await runService('organization', async () => {
  const app = await createOrganizationApp(readOrganizationConfig());
  await app.start();
  return app;
});
