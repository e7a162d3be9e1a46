/** Puppeteer must never download a browser: tests use Debian's /usr/bin/chromium (see test/e2e). */
module.exports = { skipDownload: true };
