// Text from visitors is stored and later shown to staff and sent by mail:
// control characters (NUL, escape sequences), bidi controls that can disguise
// what a line says (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) and
// invisible zero-width characters (U+200B–U+200D, U+2060, U+FEFF, U+180E)
// are removed; ordinary whitespace is kept.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// Terminal escape sequences (ESC [ … letter) go whole, not just their ESC.
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;
// A lone surrogate cannot be encoded as UTF-8 (SQLite, SMTP); make it visible instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(s: string): string {
  return s.replace(ANSI, '').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}
