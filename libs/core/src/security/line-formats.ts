/**
 * Text from people (titles, names, notes) written into line-based formats: iCalendar, email
 * headers. In these formats a line break starts a new property or header, so every value is
 * escaped (iCalendar) or made one line (headers) here, in one place, whatever the input allowed.
 */

/** Characters some programs read as the end of a line besides CR and LF: NEL, LS, PS, VT, FF. */
const OTHER_LINE_BREAKS = /[\u0085\u2028\u2029\v\f]/g;
/** Control characters with no place in text (C0 except tab, CR and LF; DEL; C1). */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

/** The text with every kind of line break as "\n" and other control characters removed. */
export function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(OTHER_LINE_BREAKS, '\n').replace(CONTROL, '');
}

/** One line: line breaks and the space around them become one space; control characters go. */
export function oneLine(value: string): string {
  return plainText(value)
    .replace(/[ \t]*\n[\s]*/g, ' ')
    .trim();
}

/**
 * An iCalendar TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks
 * as the two characters `\n`, control characters removed. The result is one line whatever the input.
 */
export function icalText(value: string): string {
  return plainText(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}
