import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The supporter pages' static files: the stylesheet and the island scripts, built by
 * `node scripts/build-assets.mjs` (part of `npm run build` and of `npm test`) into dist/assets.
 * Their URLs carry a hash of the content, so they can be cached for a year.
 */
export const ASSETS_DIR = join(process.cwd(), 'dist/assets');

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

let loaded: Map<string, Asset> | undefined;

function load(): Map<string, Asset> {
  if (loaded) {
    return loaded;
  }
  const assets = new Map<string, Asset>();
  if (existsSync(ASSETS_DIR)) {
    for (const name of readdirSync(ASSETS_DIR)) {
      const ext = name.slice(name.lastIndexOf('.'));
      const type = TYPES[ext];
      if (!type) {
        continue;
      }
      const body = readFileSync(join(ASSETS_DIR, name));
      assets.set(name, { body, type, hash: createHash('sha256').update(body).digest('hex').slice(0, 12) });
    }
  }
  loaded = assets;
  return assets;
}

export function findAsset(name: string): Asset | undefined {
  return load().get(name);
}

/** `/assets/site.css?v=<hash>`. */
export function assetUrl(name: string): string {
  const asset = load().get(name);
  return `/assets/${name}${asset ? `?v=${asset.hash}` : ''}`;
}
