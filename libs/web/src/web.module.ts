import { Global, Module } from '@nestjs/common';
import { AssetsController } from './assets.controller';
import { FormRateLimit } from './forms';
import { PageErrorFilter } from './page-error.filter';
import { PageContexts } from './page-context';
import { StaticPagesController } from './static-pages.controller';

/** The supporter pages' shared parts: layout, components, words, assets and error pages. */
@Global()
@Module({
  controllers: [AssetsController, StaticPagesController],
  providers: [PageContexts, FormRateLimit, PageErrorFilter],
  exports: [PageContexts, FormRateLimit, PageErrorFilter],
})
export class WebModule {}
