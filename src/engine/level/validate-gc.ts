// The semantic checks of a level's `gc` settings: the nursery is an even number of boxes
// (two equal halves), at least 2, and fits in usable memory.
import type { Level } from './schema.js';
import type { IssueList } from './validate-messages.js';

export function checkGc(level: Level, issues: IssueList): void {
  const nursery = level.gc?.nursery;
  if (nursery === undefined) return;
  const usable = level.memory - 1;
  if (nursery % 2 !== 0 && nursery <= usable) {
    issues.push({
      at: ['gc', 'nursery'],
      message: `the nursery is ${nursery} boxes, but it is split into two equal halves: make it an even number, like ${nursery + 1 <= usable ? `${nursery - 1} or ${nursery + 1}` : nursery - 1}`,
    });
  }
  if (nursery > usable) {
    issues.push({
      at: ['gc', 'nursery'],
      message: `the nursery is ${nursery} boxes, but memory has only ${usable} usable boxes (${level.memory} minus box 0, NULL); make it an even number of at most ${usable - (usable % 2)}`,
    });
  }
}
