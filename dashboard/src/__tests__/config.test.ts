import { describe, expect, it } from 'vitest';
import { readWallParams } from '../config';

describe('readWallParams', () => {
  it('is national with the token from wall-config.json by default', () => {
    expect(readWallParams('')).toEqual({ token: null, regionCode: null, kiosk: false, rotateSeconds: null });
  });

  it('takes ?token= and ?region= from the URL', () => {
    expect(readWallParams('?token=abc.def&region=320000')).toMatchObject({
      token: 'abc.def',
      regionCode: '320000',
    });
  });

  it('names the parameter when the region is not a 6-digit code', () => {
    expect(() => readWallParams('?region=32')).toThrow(/\?region=.*"32"/);
  });

  it('reads ?kiosk=1 and ?rotate=30', () => {
    expect(readWallParams('?kiosk=1&rotate=30')).toMatchObject({ kiosk: true, rotateSeconds: 30 });
    expect(readWallParams('?kiosk=0').kiosk).toBe(false);
    expect(readWallParams('?kiosk').kiosk).toBe(true);
  });

  it('refuses a rotation too fast to read or not a number', () => {
    expect(() => readWallParams('?rotate=2')).toThrow(/\?rotate=.*"2"/);
    expect(() => readWallParams('?rotate=abc')).toThrow(/\?rotate=/);
  });
});
