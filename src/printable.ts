// Text from the outside world (paths, source lines) printed on a terminal: a newline in a file name
// must not start a new output line, and an escape sequence in a file must not drive the terminal.

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

function escape(char: string): string {
  return NAMED[char] ?? `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/**
 * A path as one printable token: as it is, unless it holds a control character, a double quote or
 * a backslash — then C-quoted in double quotes, the way git quotes paths (`"new\nline.txt"`).
 */
export function printablePath(path: string): string {
  if (!/[\u0000-\u001f\u007f-\u009f"\\]/.test(path)) return path;
  return `"${path.replace(/[\u0000-\u001f\u007f-\u009f"\\]/g, escape)}"`;
}

/** A line of source with its control characters (other than tab) shown as escapes. */
export function printableLine(text: string): string {
  return text.replace(CONTROL, escape);
}
