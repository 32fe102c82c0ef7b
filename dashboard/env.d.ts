/// <reference types="vite/client" />

interface Window {
  /** `GET /wall-config.json`, sent by index.html before the wall's code has loaded (none with `?token=`). */
  __wallConfig?: Promise<Response>;
}
