// Lectern drives the system's Chromium (see src/render/browser.ts), so npm ci
// must not try to download Chrome: this machine class cannot reach the CDN.
module.exports = { skipDownload: true };
