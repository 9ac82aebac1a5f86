import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, mapTilesSetting } from '../../platform/config.ts';

/** MAP_TILE_URL and friends (issue 21 item 6): GSI by default, `off` for the offline map only. */
const base = { NODE_ENV: 'test', DATA_DIR: '/nonexistent-tsunagari-test' } as const;

describe('map tile settings', () => {
  it('default to the GSI 地理院タイル with its attribution and the GSI tile list as link', () => {
    expect(loadConfig({ ...base }).mapTiles).toEqual({
      urlTemplate: 'https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png',
      origin: 'https://cyberjapandata.gsi.go.jp',
      attribution: '地理院タイル',
      attributionUrl: 'https://maps.gsi.go.jp/development/ichiran.html',
    });
  });

  it('`off` (or empty) leaves the offline map only', () => {
    expect(loadConfig({ ...base, MAP_TILE_URL: 'off' }).mapTiles).toBeNull();
    expect(loadConfig({ ...base, MAP_TILE_URL: '' }).mapTiles).toBeNull();
  });

  it('takes an own tile server with its attribution', () => {
    expect(
      loadConfig({
        ...base,
        MAP_TILE_URL: 'https://tiles.city.example:8443/std/{z}/{x}/{y}.png',
        MAP_TILE_ATTRIBUTION: '© 市の地図',
        MAP_TILE_ATTRIBUTION_URL: 'https://city.example/map-terms',
      }).mapTiles,
    ).toEqual({
      urlTemplate: 'https://tiles.city.example:8443/std/{z}/{x}/{y}.png',
      origin: 'https://tiles.city.example:8443',
      attribution: '© 市の地図',
      attributionUrl: 'https://city.example/map-terms',
    });
  });

  it('refuses a template without {z}/{x}/{y}, plain http in production and a missing attribution', () => {
    expect(() => loadConfig({ ...base, MAP_TILE_URL: 'https://tiles.example/{z}/{x}.png' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...base, MAP_TILE_URL: 'not a url {z}{x}{y}' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        ...base,
        MAP_TILE_URL: 'https://tiles.example/{z}/{x}/{y}.png',
        MAP_TILE_ATTRIBUTION: '',
      }),
    ).toThrow(/MAP_TILE_ATTRIBUTION/);
    expect(loadConfig({ ...base, MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' }).mapTiles?.origin).toBe(
      'http://127.0.0.1:9',
    );
    expect(() => mapTilesSetting('http://tiles.example/{z}/{x}/{y}.png', '地図', '', true)).toThrow(
      /must be https/,
    );
    expect(mapTilesSetting('https://tiles.example/{z}/{x}/{y}.png', '地図', '', true)?.origin).toBe(
      'https://tiles.example',
    );
  });
});
