// Jest runs the files it has timings for longest first (its cache, after a run). Without them (a
// fresh checkout, CI, a new machine) it goes by file size, which puts the short browser files
// near the end, where a 2-minute file started last makes the whole run 2 minutes longer. Browser
// files are the slowest whatever their size: when any file's time is unknown, they go first.

const Sequencer = require('@jest/test-sequencer').default;

class BrowserFirstSequencer extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    if (sorted.every((test) => test.duration != null)) {
      return sorted;
    }
    const browser = (test) => /[\\/]test[\\/]browser[\\/]/.test(test.path);
    return [...sorted.filter(browser), ...sorted.filter((test) => !browser(test))];
  }
}

module.exports = BrowserFirstSequencer;
