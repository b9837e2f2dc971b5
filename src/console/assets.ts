import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** The console's stylesheet and script: files beside this module, read once, served with a content hash in the URL. */
const FILES = { 'console.css': 'text/css; charset=utf-8', 'console.js': 'text/javascript; charset=utf-8' } as const;
export type AssetName = keyof typeof FILES;

interface Asset {
  readonly body: string;
  readonly type: string;
  readonly path: string;
}

function load(name: AssetName): Asset {
  const body = readFileSync(new URL(`./static/${name}`, import.meta.url), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { body, type: FILES[name], path: `/console/assets/${hash}/${name}` };
}

const ASSETS: Readonly<Record<AssetName, Asset>> = Object.freeze({ 'console.css': load('console.css'), 'console.js': load('console.js') });

/** The URL of an asset; it changes whenever the file does, so browsers may keep each version for a year. */
export const assetPath = (name: AssetName): string => ASSETS[name].path;

export function registerAssets(app: FastifyInstance): void {
  for (const asset of Object.values(ASSETS)) {
    app.get(asset.path, async (_request, reply) => reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body));
  }
}
