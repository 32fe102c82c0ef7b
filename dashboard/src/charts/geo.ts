import anhuiUrl from 'china-geojson/src/geojson/an_hui_geo.json?url';
import aomenUrl from 'china-geojson/src/geojson/ao_men_geo.json?url';
import beijingUrl from 'china-geojson/src/geojson/bei_jing_geo.json?url';
import chinaUrl from 'china-geojson/src/geojson/china.json?url';
import chongqingUrl from 'china-geojson/src/geojson/chong_qing_geo.json?url';
import fujianUrl from 'china-geojson/src/geojson/fu_jian_geo.json?url';
import gansuUrl from 'china-geojson/src/geojson/gan_su_geo.json?url';
import guangdongUrl from 'china-geojson/src/geojson/guang_dong_geo.json?url';
import guangxiUrl from 'china-geojson/src/geojson/guang_xi_geo.json?url';
import guizhouUrl from 'china-geojson/src/geojson/gui_zhou_geo.json?url';
import hainanUrl from 'china-geojson/src/geojson/hai_nan_geo.json?url';
import hebeiUrl from 'china-geojson/src/geojson/he_bei_geo.json?url';
import henanUrl from 'china-geojson/src/geojson/he_nan_geo.json?url';
import heilongjiangUrl from 'china-geojson/src/geojson/hei_long_jiang_geo.json?url';
import hubeiUrl from 'china-geojson/src/geojson/hu_bei_geo.json?url';
import hunanUrl from 'china-geojson/src/geojson/hu_nan_geo.json?url';
import jilinUrl from 'china-geojson/src/geojson/ji_lin_geo.json?url';
import jiangsuUrl from 'china-geojson/src/geojson/jiang_su_geo.json?url';
import jiangxiUrl from 'china-geojson/src/geojson/jiang_xi_geo.json?url';
import liaoningUrl from 'china-geojson/src/geojson/liao_ning_geo.json?url';
import neimengguUrl from 'china-geojson/src/geojson/nei_meng_gu_geo.json?url';
import ningxiaUrl from 'china-geojson/src/geojson/ning_xia_geo.json?url';
import qinghaiUrl from 'china-geojson/src/geojson/qing_hai_geo.json?url';
import shandongUrl from 'china-geojson/src/geojson/shan_dong_geo.json?url';
import shanxi1Url from 'china-geojson/src/geojson/shan_xi_1_geo.json?url';
import shanxi2Url from 'china-geojson/src/geojson/shan_xi_2_geo.json?url';
import shanghaiUrl from 'china-geojson/src/geojson/shang_hai_geo.json?url';
import sichuanUrl from 'china-geojson/src/geojson/si_chuan_geo.json?url';
import taiwanUrl from 'china-geojson/src/geojson/tai_wan_geo.json?url';
import tianjinUrl from 'china-geojson/src/geojson/tian_jin_geo.json?url';
import xizangUrl from 'china-geojson/src/geojson/xi_zang_geo.json?url';
import xianggangUrl from 'china-geojson/src/geojson/xiang_gang_geo.json?url';
import xinjiangUrl from 'china-geojson/src/geojson/xin_jiang_geo.json?url';
import yunnanUrl from 'china-geojson/src/geojson/yun_nan_geo.json?url';
import zhejiangUrl from 'china-geojson/src/geojson/zhe_jiang_geo.json?url';

// GeoJSON from the npm package china-geojson (MIT, antvis): China by province, each province by city
// (municipalities by district). Each file is an asset fetched when first shown, never in the initial JS.

/** by the first two digits of the province's code */
const PROVINCES: Record<string, string> = {
  '11': beijingUrl,
  '12': tianjinUrl,
  '13': hebeiUrl,
  '14': shanxi2Url,
  '15': neimengguUrl,
  '21': liaoningUrl,
  '22': jilinUrl,
  '23': heilongjiangUrl,
  '31': shanghaiUrl,
  '32': jiangsuUrl,
  '33': zhejiangUrl,
  '34': anhuiUrl,
  '35': fujianUrl,
  '36': jiangxiUrl,
  '37': shandongUrl,
  '41': henanUrl,
  '42': hubeiUrl,
  '43': hunanUrl,
  '44': guangdongUrl,
  '45': guangxiUrl,
  '46': hainanUrl,
  '50': chongqingUrl,
  '51': sichuanUrl,
  '52': guizhouUrl,
  '53': yunnanUrl,
  '54': xizangUrl,
  '61': shanxi1Url,
  '62': gansuUrl,
  '63': qinghaiUrl,
  '64': ningxiaUrl,
  '65': xinjiangUrl,
  '71': taiwanUrl,
  '81': xianggangUrl,
  '82': aomenUrl,
};
/** features of the national file without an id */
const CODES_BY_NAME: Record<string, string> = { 香港: '810000', 澳门: '820000' };

interface Feature {
  id?: string;
  properties: { id?: string; name: string };
}

/** A map ECharts knows by `name`, with the 6-digit code of each of its features. */
export interface WallMap {
  name: string;
  /** feature name → 6-digit region code */
  codes: Map<string, string>;
}

const loaded = new Map<string, Promise<WallMap>>();

/**
 * The map to draw for a region: provinces when national, a province's cities for the province and
 * for anything inside it (a city is shown within its province).
 */
export function mapFileFor(regionCode: string | null): { key: string; url: string } | null {
  if (regionCode === null) return { key: 'china', url: chinaUrl };
  const url = PROVINCES[regionCode.slice(0, 2)];
  return url ? { key: regionCode.slice(0, 2), url } : null;
}

/** Fetches and registers the map of a region once; later calls share the same promise. */
export function loadMap(regionCode: string | null): Promise<WallMap> | null {
  const file = mapFileFor(regionCode);
  if (!file) return null;
  let map = loaded.get(file.key);
  if (!map) {
    map = (async () => {
      // the outline is fetched while ECharts (a chunk of its own) loads, not after it
      const [response, { registerMap }] = await Promise.all([fetch(file.url), import('./echarts')]);
      if (!response.ok) throw new Error(`${file.url}: HTTP ${response.status}`);
      const geoJson = (await response.json()) as { features: Feature[] };
      const name = `cn-${file.key}`;
      registerMap(name, geoJson as never);
      return { name, codes: featureCodes(geoJson.features) };
    })();
    // a failed fetch may succeed later
    map.catch(() => loaded.delete(file.key));
    loaded.set(file.key, map);
  }
  return map;
}

/** `33` → `330000`, `3301` → `330100`; the national file keeps ids in properties, the others on the feature. */
export function featureCodes(features: Feature[]): Map<string, string> {
  const codes = new Map<string, string>();
  for (const feature of features) {
    const name = feature.properties.name;
    const id = feature.id ?? feature.properties.id ?? CODES_BY_NAME[name];
    if (id && /^\d{2,6}$/.test(id)) codes.set(name, id.padEnd(6, '0'));
  }
  return codes;
}
