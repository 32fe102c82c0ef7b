import { runService } from '@pb/platform/process';
import { createGateway } from './app.js';
import { readGatewayConfig } from './config.js';

// runService stops the gateway on SIGTERM/SIGINT and then exits: the embedded runtime's own signal
// handler only disposes the runtime, and would otherwise keep the process from exiting
await runService('gateway', async () => {
  const gateway = createGateway(readGatewayConfig());
  await gateway.start();
  return gateway;
});
