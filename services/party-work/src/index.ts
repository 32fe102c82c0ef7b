import { runService } from '@pb/platform';
import { createPartyWorkApp } from './app.js';
import { readPartyWorkConfig } from './config.js';

await runService('party-work', async () => {
  const app = await createPartyWorkApp(readPartyWorkConfig());
  await app.start();
  return app;
});
