import { Controller, Get, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { pageAsset, Public } from '@app/core';
import { findAsset } from './assets';

/** The pages' stylesheet and scripts, from our own origin only. */
@SkipThrottle()
@Controller('assets')
export class AssetsController {
  @Public()
  @Get(':name')
  serve(@Param('name') name: string, @Query('v') version: unknown, @Res() res: Response): void {
    if (!/^[a-z0-9-]+(\.[a-z0-9]+)?\.(css|js|svg|png)$/.test(name)) {
      throw new NotFoundException();
    }
    const asset = findAsset(name);
    if (asset) {
      res.setHeader('Content-Type', asset.type);
      // Versioned URLs (?v=<hash of the content>) never change; a bare name may.
      res.setHeader(
        'Cache-Control',
        version === asset.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
      res.setHeader('ETag', `"${asset.hash}"`);
      res.send(asset.body);
      return;
    }
    // The content-hashed files of the older link pages (libs/core).
    const legacy = pageAsset(name);
    if (!legacy) {
      throw new NotFoundException();
    }
    res.setHeader('Content-Type', legacy.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.send(legacy.body);
  }
}
