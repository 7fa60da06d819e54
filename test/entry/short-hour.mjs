// Test-only preload for the real Node server (node --import): timers of
// exactly one hour fire every SHORT_HOUR_MS (default 500 ms) instead, so a
// test can watch the server's hourly jobs (retention) run without waiting an
// hour. Every other timer is left alone.
const HOUR = 60 * 60 * 1000;
const short = Number(process.env.SHORT_HOUR_MS || 500);
const setIntervalOriginal = globalThis.setInterval;
globalThis.setInterval = (fn, ms, ...args) => setIntervalOriginal(fn, ms === HOUR ? short : ms, ...args);
