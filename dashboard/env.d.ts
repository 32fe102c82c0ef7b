/// <reference types="vite/client" />

interface Window {
  /** `GET /wall-config.json` and its body, read by index.html before the wall's code has loaded (none with `?token=`). */
  __wallConfig?: Promise<import('./src/graphql/token').WallConfigAnswer>;
}
