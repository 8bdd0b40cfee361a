/**
 * Where JSON text first goes wrong, as a 1-based line and column (characters), or null when it
 * is valid. Node 20's JSON.parse gives no position for some errors (an unexpected token, the end
 * of the input), and a config error must say where; this walks the JSON grammar just far enough.
 */
export function jsonErrorPosition(text: string): { line: number; column: number } | null {
  const offset = errorOffset(text);
  if (offset === null) return null;
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  // columns count characters, as in findings: an emoji is one, not two UTF-16 units
  return { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 };
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function errorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new SyntaxAt(i);
  };
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const expect = (c: string) => {
    space();
    if (text[i] !== c) fail();
    i++;
  };
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') fail();
      if (c === '"') break;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail();
          }
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    i++;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          string();
          expect(':');
        }
        value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
        space();
      }
    }
    if (c === '"') return string();
    const literal = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : null;
    if (literal) {
      for (const expected of literal) {
        if (text[i] !== expected) fail(); // at the first wrong character, as V8 reports it
        i++;
      }
      return;
    }
    number();
  };
  const digits = () => {
    if (!isDigit(text[i])) fail();
    while (isDigit(text[i])) i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return null;
  } catch (err) {
    if (err instanceof SyntaxAt) return err.offset;
    return null; // nested too deep to walk: no position, the message still names the file
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}
