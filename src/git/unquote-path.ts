const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * A path as git prints it in patch headers: C-quoted ("a/new\nline.txt", octal escapes for
 * bytes) when it holds special characters, plain otherwise. Returns the raw bytes decoded as UTF-8.
 */
export function unquotePath(text: Buffer): string {
  if (text[0] !== 0x22 /* " */) return text.toString('utf8');
  const bytes: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === 0x22) break;
    if (c !== 0x5c /* \ */) {
      bytes.push(c);
      continue;
    }
    const next = String.fromCharCode(text[++i]);
    if (next >= '0' && next <= '7') {
      bytes.push(parseInt(text.toString('latin1', i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
