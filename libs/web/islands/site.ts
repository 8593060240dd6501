/**
 * The supporter pages' small extras where JavaScript runs. Every form works without them. Each island
 * finds its elements by data attribute; one file, a few kB.
 */
import { initCharacterCounts } from './character-count';
import { initExitPage } from './exit-page';
import { initShare } from './share';
import { initEmbedHeight } from './embed-height';
import { initLiveCount } from './live-count';
import { initLetterRepresentatives } from './letter-representatives';
import { initLetterPersonalMeter } from './letter-personal-meter';
import { initLetterStatus } from './letter-status';

const ISLANDS: Array<() => void> = [initExitPage, initShare, initCharacterCounts, initEmbedHeight, initLiveCount];

// Letter campaigns: "your MSPs" as the postcode is typed, the personalisation meter, delivery status.
ISLANDS.push(initLetterRepresentatives, initLetterPersonalMeter, initLetterStatus);

function start(): void {
  for (const island of ISLANDS) {
    try {
      island();
    } catch {
      // An island that fails leaves the page as it was without JavaScript.
    }
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start);
} else {
  start();
}
