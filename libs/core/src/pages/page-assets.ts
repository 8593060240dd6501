import { Controller, Get, Module, Param, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { Public } from '../auth/decorators';
import { NotFoundError } from '../errors/domain.errors';

/** The look of the server-rendered pages (linked, never inline: the CSP allows no inline style). */
const PAGE_CSS = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}
button{font:inherit;font-size:1.1rem;padding:.6rem 1.4rem;border:0;border-radius:.3rem;background:#1d4f91;color:#fff;cursor:pointer}
button:focus{outline:3px solid #fd0;outline-offset:2px}
code{display:block;word-break:break-all;background:#f2f2f2;padding:.6rem;border-radius:.3rem}
`;

interface Asset {
  type: string;
  body: string;
}

/** `name.ext` → `name.<content hash>.ext`, so an asset can be cached for ever and still change. */
function hashed(name: string, body: string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return name.replace(/(\.[a-z]+)$/, `.${hash}$1`);
}

const ASSETS = new Map<string, Asset>();

function register(name: string, asset: Asset): string {
  const file = hashed(name, asset.body);
  ASSETS.set(file, asset);
  return `/assets/${file}`;
}

/** Where the pages' stylesheet is served (same origin, content-hashed). */
export const PAGE_STYLESHEET = register('page.css', { type: 'text/css; charset=utf-8', body: PAGE_CSS });

/** GET /assets/<file>: the pages' static files, public, cached for a year (their names change with them). */
@SkipThrottle()
@Controller('assets')
export class PageAssetsController {
  @Public()
  @Get(':file')
  serve(@Param('file') file: string, @Res() res: Response): void {
    const asset = ASSETS.get(file);
    if (!asset) {
      throw new NotFoundError('File');
    }
    res
      .status(200)
      .type(asset.type)
      .set('Cache-Control', 'public, max-age=31536000, immutable')
      .send(asset.body);
  }
}

/** Serves the server-rendered pages' static files. */
@Module({ controllers: [PageAssetsController] })
export class PageAssetsModule {}
