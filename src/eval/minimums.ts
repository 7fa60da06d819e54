// Answer-quality floor on the dev set, shared by `npm run eval` and the eval test.
export const EVAL_MINIMUMS = {
  answer: 0.97,
  escalate: 0.95,
  smalltalk: 1,
  precision: 0.97,
  /** Median length of answered replies, in characters. */
  medianAnswerChars: 300,
};
