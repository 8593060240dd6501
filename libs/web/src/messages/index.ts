import { en, Messages } from './en';

export type { Messages };
export type Lang = 'en';

const CATALOGUES: Record<Lang, Messages> = { en };

/** The catalogue for a language (English until another is added). */
export function messagesFor(lang: Lang = 'en'): Messages {
  return CATALOGUES[lang];
}
