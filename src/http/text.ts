// Text from visitors is stored and later shown to staff and sent by mail, so
// what it shows must be what it is. Removed: control characters (NUL, escape
// sequences) except tab and line breaks; every Format character (\p{Cf}:
// bidi controls such as U+202E and U+061C that reorder a line, zero-width
// characters, U+2060–U+2064 invisible operators, the tag characters
// U+E0001/E0020–E007F that can carry a hidden payload); every
// Default_Ignorable_Code_Point (soft hyphen, Hangul fillers U+115F, U+1160,
// U+3164, U+FFA0, variation selectors U+FE00–FE0F and U+E0100–E01EF, the
// whole reserved tag plane U+E0000–E0FFF); and U+2800, the Braille blank,
// which is neither but renders as nothing (a favourite "invisible name").
// Unicode's own properties, not a hand-kept list, so characters a newer
// Unicode adds to those classes are covered too (V8 knows the properties on
// Node and on workerd alike). The cost is cosmetic: emoji sequences joined
// by U+200D fall apart into their parts, and a variation selector's
// emoji/text style is lost. Ordinary whitespace is kept.
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u{E0000}-\u{E007F}\u2800]/gu;
// Terminal escape sequences (ESC [ … letter) go whole, not just their ESC.
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;
// A lone surrogate cannot be encoded as UTF-8 (SQLite, SMTP); make it visible instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(s: string): string {
  return s.replace(ANSI, '').replace(INVISIBLE, '').replace(LONE_SURROGATE, '\uFFFD');
}
