// Similar open questions shown once on the staff page: each group is led by
// its newest question and counts the others, so staff answer "membership
// fees?" once instead of for every wording of it.
import type { Escalation } from '../store/types.js';

export interface Group {
  lead: Escalation;
  others: Escalation[];
}

/** Group newest-first escalations; `similar` says whether two questions ask the same. */
export function groupSimilar(list: Escalation[], similar: (a: string, b: string) => boolean): Group[] {
  const groups: Group[] = [];
  for (const e of list) {
    const g = groups.find((x) => similar(x.lead.question, e.question));
    if (g) g.others.push(e);
    else groups.push({ lead: e, others: [] });
  }
  return groups;
}
