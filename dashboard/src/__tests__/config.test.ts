import { describe, expect, it } from 'vitest';
import { readWallParams } from '../config';

describe('readWallParams', () => {
  it('is national with the token from wall-config.json by default', () => {
    expect(readWallParams('')).toEqual({ token: null, regionCode: null });
  });

  it('takes ?token= and ?region= from the URL', () => {
    expect(readWallParams('?token=abc.def&region=320000')).toEqual({
      token: 'abc.def',
      regionCode: '320000',
    });
  });

  it('names the parameter when the region is not a 6-digit code', () => {
    expect(() => readWallParams('?region=32')).toThrow(/\?region=.*"32"/);
  });
});
