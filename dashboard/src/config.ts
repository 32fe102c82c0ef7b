/** What the page URL says about the wall: `?token=` and `?region=`. */
export interface WallParams {
  /** Token given in the URL; `null` means read it from `/wall-config.json`. */
  token: string | null;
  /** 6-digit region code; `null` is national. */
  regionCode: string | null;
}

const REGION_CODE = /^\d{6}$/;

/** Reads and validates the page's query string once, at start. */
export function readWallParams(search: string): WallParams {
  const params = new URLSearchParams(search);
  const token = params.get('token')?.trim() || null;
  const regionCode = params.get('region')?.trim() || null;
  if (regionCode !== null && !REGION_CODE.test(regionCode)) {
    throw new Error(`?region= 应为 6 位行政区划代码（如 110000），收到 "${regionCode}"`);
  }
  return { token, regionCode };
}
