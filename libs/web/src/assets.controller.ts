import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '@app/core';
import { findAsset } from './assets';

/** The pages' stylesheet and scripts, from our own origin only. */
@SkipThrottle()
@Controller('assets')
export class AssetsController {
  @Public()
  @Get(':name')
  serve(@Param('name') name: string, @Res() res: Response): void {
    const asset = /^[a-z0-9-]+\.(css|js|svg|png)$/.test(name) ? findAsset(name) : undefined;
    if (!asset) {
      throw new NotFoundException();
    }
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('ETag', `"${asset.hash}"`);
    res.send(asset.body);
  }
}
