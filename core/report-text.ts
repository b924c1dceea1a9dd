/**
 * How long a written 整改报告 is, one rule for the page and the server: Chinese characters, Latin
 * letters and digits count (half- and full-width); punctuation, spaces, emoji and other scripts do
 * not. Explicit ranges rather than a Unicode property class, and no imports: the admin subpackage
 * imports this module as it is, and a `\p{L}` class would be spelt out by the ES5 build into
 * several kilobytes there.
 */

/** The shortest report, in counted characters. */
export const RECTIFICATION_REPORT_MIN = 20;
/** The longest report, in characters of any kind. */
export const RECTIFICATION_REPORT_MAX = 2000;

/**
 * Digits, Latin letters (and their full-width forms), CJK unified ideographs with extension A, and
 * the compatibility ideographs.
 */
const COUNTED = /[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3400-\u9fff\uf900-\ufaff]/g;

/** The characters of a report that count towards its length. */
export const reportLetterCount = (text: string): number => text.match(COUNTED)?.length ?? 0;

/** Refusal message for a report too short to say causes, measures and results; undefined if long enough. */
export function reportTooShort(text: string): string | undefined {
  return reportLetterCount(text) < RECTIFICATION_REPORT_MIN
    ? `整改报告须至少包含${RECTIFICATION_REPORT_MIN}个文字，写明原因、措施和成效`
    : undefined;
}
