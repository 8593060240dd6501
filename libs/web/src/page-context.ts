import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { assetUrl } from './assets';
import { Lang, Messages, messagesFor } from './messages';

/** What every page needs besides its own data: words, names, addresses, whether it is embedded. */
export interface PageContext {
  m: Messages;
  lang: Lang;
  campaignName: string;
  publicUrl: string;
  exitUrl: string;
  /** Rendered inside a partner's iframe: no site chrome, links open in the top window. */
  embed: boolean;
  asset: (name: string) => string;
}

@Injectable()
export class PageContexts {
  constructor(private readonly config: AppConfig) {}

  /** Origins allowed to frame the /embed/ pages. */
  embedOrigins(): readonly string[] {
    return this.config.pages.embedAllowedOrigins;
  }

  /** The context for one page (English until the request's language is negotiated). */
  create(options: { embed?: boolean } = {}): PageContext {
    const lang: Lang = 'en';
    return {
      m: messagesFor(lang),
      lang,
      campaignName: this.config.pages.campaignName,
      publicUrl: this.config.publicUrl,
      exitUrl: this.config.pages.exitUrl,
      embed: options.embed ?? false,
      asset: assetUrl,
    };
  }
}
