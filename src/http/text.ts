// Text from visitors is stored and later shown to staff and sent by mail:
// control characters (NUL, escape sequences, bidi overrides that can disguise
// what a line says) are removed; ordinary whitespace is kept.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Terminal escape sequences (ESC [ … letter) go whole, not just their ESC.
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;
// A lone surrogate cannot be encoded as UTF-8 (SQLite, SMTP); make it visible instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(s: string): string {
  return s.replace(ANSI, '').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}
