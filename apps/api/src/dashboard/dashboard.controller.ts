import { Controller, Get, NotFoundException, Param, Res, ServiceUnavailableException } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { AppConfig, Public } from '@app/core';
import { DashboardBuild, dashboardPage, readDashboard } from './dashboard-files';

const ASSET_NAME = /^[A-Za-z0-9_.-]+\.(js|css|svg|png|woff2)$/;

/**
 * The organisers' dashboard (apps/dashboard), from our own origin: its content-hashed files under
 * /organise/assets/ (cached for a year), and the page shell for /organise and every path below it,
 * so the app's own routes survive a reload. The shell holds no data and no inline script: what an
 * organiser sees comes from the GraphQL API, which decides what they may see.
 */
@Controller('organise')
export class DashboardController {
  private build: DashboardBuild | undefined;
  private page: string | undefined;

  constructor(private readonly config: AppConfig) {}

  @Public()
  @SkipThrottle()
  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const file = ASSET_NAME.test(name) ? this.load().assets.get(name) : undefined;
    if (!file) {
      throw new NotFoundException();
    }
    res.setHeader('Content-Type', file.type);
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.send(file.body);
  }

  @Public()
  @Get()
  home(@Res() res: Response): void {
    this.shell(res);
  }

  @Public()
  @Get('*path')
  route(@Param('path') path: string[] | string, @Res() res: Response): void {
    // A missing file under assets/ is a 404, not the app (a stale page asking for an old chunk).
    if ((Array.isArray(path) ? path[0] : path.split('/')[0]) === 'assets') {
      throw new NotFoundException();
    }
    this.shell(res);
  }

  private shell(res: Response): void {
    const build = this.load();
    this.page ??= dashboardPage(build.index, this.config.pages.campaignName);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    // The door check-in's QR scanner decodes in a worker that qr-scanner builds from its own
    // bundled code as a blob: URL (where the browser has no BarcodeDetector); scripts still come
    // only from our origin.
    const policy = String(res.getHeader('Content-Security-Policy') ?? '');
    if (policy) {
      res.setHeader('Content-Security-Policy', `${policy};worker-src 'self' blob:`);
    }
    // Always asked again, so a new version's files are found at once.
    res.setHeader('Cache-Control', 'no-cache');
    res.send(this.page);
  }

  private load(): DashboardBuild {
    this.build ??= readDashboard();
    if (!this.build) {
      throw new ServiceUnavailableException('The dashboard is not built: run `npm run build`.');
    }
    return this.build;
  }
}
