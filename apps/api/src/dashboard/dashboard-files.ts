import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where `npm run build` (scripts/build-dashboard.mjs) puts the organisers' dashboard. */
export const DASHBOARD_DIR = join(process.cwd(), 'dist/dashboard');

export interface DashboardFile {
  body: Buffer;
  type: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface DashboardBuild {
  /** index.html as built, with `{{campaign}}` still to fill in. */
  index: string;
  /** The content-hashed files under assets/, by name. */
  assets: Map<string, DashboardFile>;
}

/** Reads the built dashboard once; undefined when it was not built. */
export function readDashboard(dir = DASHBOARD_DIR): DashboardBuild | undefined {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    return undefined;
  }
  const assets = new Map<string, DashboardFile>();
  const assetsDir = join(dir, 'assets');
  if (existsSync(assetsDir)) {
    for (const name of readdirSync(assetsDir)) {
      const type = TYPES[name.slice(name.lastIndexOf('.'))];
      if (type) {
        assets.set(name, { body: readFileSync(join(assetsDir, name)), type });
      }
    }
  }
  return { index: readFileSync(indexFile, 'utf8'), assets };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The page shell with the campaign's name in its title and in a <meta> the app reads (no inline script). */
export function dashboardPage(index: string, campaignName: string): string {
  const name = escapeHtml(campaignName);
  return index
    .replace('<meta name="campaign-name" content="" />', `<meta name="campaign-name" content="${name}" />`)
    .replace('<title>Organise</title>', `<title>Organise – ${name}</title>`);
}
