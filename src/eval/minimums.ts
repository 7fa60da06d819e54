// Answer-quality floor on the dev set, shared by `npm run eval` and the eval
// test. Precision first: every direct quote on the dev set must be right, and
// every answerable question must be helped (the right quote, alone or among
// the choices). The share quoted directly is what the fitted decision allows
// at that precision (docs/model-report.md), held here so it cannot fall.
export const EVAL_MINIMUMS = {
  answer: 0.45,
  helped: 1,
  escalate: 1,
  unquoted: 1,
  smalltalk: 1,
  precision: 1,
  /** Median length of answered replies, in characters. */
  medianAnswerChars: 300,
};
