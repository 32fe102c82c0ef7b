import { t } from '@/i18n';

/** What the page URL says about the wall: `?token=`, `?region=`, `?kiosk=`, `?rotate=`. */
export interface WallParams {
  /** Token given in the URL; `null` means read it from `/wall-config.json`. */
  token: string | null;
  /** 6-digit region code the wall is fixed to (it never shows above it); `null` is national. */
  regionCode: string | null;
  /** `?kiosk=1`: no controls, no cursor; the wall is only looked at. */
  kiosk: boolean;
  /** `?rotate=30`: seconds between steps through the child regions; `null` does not rotate. */
  rotateSeconds: number | null;
}

const REGION_CODE = /^\d{6}$/;
/** a wall that changes faster than this cannot be read */
const MIN_ROTATE_SECONDS = 5;

/** Reads and validates the page's query string once, at start. */
export function readWallParams(search: string): WallParams {
  const params = new URLSearchParams(search);
  const token = params.get('token')?.trim() || null;
  const regionCode = params.get('region')?.trim() || null;
  if (regionCode !== null && !REGION_CODE.test(regionCode)) {
    throw new Error(t('problem.region', { value: regionCode }));
  }
  const kiosk = ['1', 'true', 'yes', ''].includes(params.get('kiosk')?.trim().toLowerCase() ?? 'no');
  const rotate = params.get('rotate')?.trim() || null;
  let rotateSeconds: number | null = null;
  if (rotate !== null) {
    rotateSeconds = Number(rotate);
    if (!Number.isInteger(rotateSeconds) || rotateSeconds < MIN_ROTATE_SECONDS) {
      throw new Error(t('problem.rotate', { min: MIN_ROTATE_SECONDS, value: rotate }));
    }
  }
  return { token, regionCode, kiosk, rotateSeconds };
}
