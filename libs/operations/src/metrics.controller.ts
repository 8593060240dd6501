import { Controller, Get, Req, Res } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig, Public } from '@app/core';
import { Metrics } from './metrics';

const BEARER = /^Bearer\s+(\S+)$/i;
const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics for Prometheus: only with `Authorization: Bearer $METRICS_TOKEN` (401 otherwise);
 * 404 while METRICS_TOKEN is unset, as if there were no such page.
 */
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const expected = this.config.metricsToken;
    if (!expected) {
      res.status(404).json({ code: 'NOT_FOUND', message: 'Not found' });
      return;
    }
    const given = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (!given || !timingSafeEqual(digest(given), digest(expected))) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({ code: 'UNAUTHENTICATED', message: 'Metrics need their token.' });
      return;
    }
    const { contentType, body } = await this.metrics.render();
    res.status(200).type(contentType).send(body);
  }
}
