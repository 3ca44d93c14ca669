const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MATH_FENCE = /^ {0,3}\$\$/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])(\s|$)/;
// A reference definition or footnote can be used anywhere in the text: never split around one.
const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;

/**
 * Splits markdown into top-level blocks that render the same on their own, so a streaming
 * reply re-renders only its last block. A split happens only at a blank line outside code and
 * math fences whose next line starts a new, unindented block; a list stays whole while it
 * continues. When unsure (reference definitions), the text stays one block.
 */
export function splitBlocks(text: string): string[] {
  if (DEFINITION.test(text)) return [text];
  const lines = text.split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let inMath = false;
  let listOpen = false;
  let blank = false;
  for (const line of lines) {
    if (fence === null && !inMath && blank && line.trim() !== '') {
      const indented = /^\s/.test(line);
      const continuesList = listOpen && LIST_ITEM.test(line);
      if (!indented && !continuesList && current.length > 0) {
        blocks.push(current.join('\n'));
        current = [];
        listOpen = false;
      }
    }
    current.push(line);
    blank = line.trim() === '';
    if (blank) continue;
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (
        fenceMatch?.[1] &&
        fenceMatch[1][0] === fence[0] &&
        fenceMatch[1].length >= fence.length
      ) {
        fence = null;
      }
    } else if (inMath) {
      if (MATH_FENCE.test(line)) inMath = false;
    } else if (fenceMatch?.[1]) {
      fence = fenceMatch[1];
    } else if (MATH_FENCE.test(line) && !/^ {0,3}\$\$.*\$\$\s*$/.test(line)) {
      inMath = true;
    } else if (LIST_ITEM.test(line)) {
      listOpen = true;
    } else if (!/^\s/.test(line)) {
      listOpen = false;
    }
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}
