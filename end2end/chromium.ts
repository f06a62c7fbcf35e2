// Browser downloads do not work on these machines: always Debian's Chromium, with these flags
// (playwright.config.ts, and the offline spec's persistent contexts, which it launches itself).
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
