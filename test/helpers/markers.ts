/**
 * Inline markers for fixtures: `{|}` is the cursor and `{[ … ]}` a range. Neither can occur in a legal paper
 * ($0 collides with money, | with Markdown tables). Missing markers fail loudly.
 */
export interface Marked {
  text: string;
  cursor?: number;
  ranges: { start: number; end: number }[];
}

export function parseMarkers(input: string): Marked {
  let text = '';
  let cursor: number | undefined;
  const ranges: { start: number; end: number }[] = [];
  const open: number[] = [];
  for (let i = 0; i < input.length; ) {
    if (input.startsWith('{|}', i)) {
      if (cursor !== undefined) throw new Error('two cursors in fixture');
      cursor = text.length;
      i += 3;
    } else if (input.startsWith('{[', i)) {
      open.push(text.length);
      i += 2;
    } else if (input.startsWith(']}', i)) {
      const start = open.pop();
      if (start === undefined) throw new Error(`unbalanced ]} at ${i}`);
      ranges.push({ start, end: text.length });
      i += 2;
    } else {
      text += input[i];
      i++;
    }
  }
  if (open.length > 0) throw new Error('unclosed {[ in fixture');
  ranges.sort((a, b) => a.start - b.start);
  return { text, cursor, ranges };
}

export function requireCursor(marked: Marked): number {
  if (marked.cursor === undefined) throw new Error('fixture has no {|} cursor');
  return marked.cursor;
}
