// A knowledge problem (a file missing or wrong) is the knowledge author's to
// fix: the tools print its one line and exit 1, with no stack trace.
import { KnowledgeError } from '../../src/knowledge/load.js';

export function knowledgeProblem(err: unknown): never {
  if (!(err instanceof KnowledgeError)) throw err;
  console.error(err.message);
  process.exit(1);
}
