/**
 * R4 for words: a comment records a decision only when it states an outcome or an intent — "we will / won't",
 * "not something we plan", "moving to", "closing as won't fix", "bumped the priority", "decided to defer". Requests,
 * reports, proposals, questions, QA verification and commit messages are not decisions, whatever topic they touch.
 */

/** Statements of a planning outcome: scheduling, deferring, declining, re-prioritising, merging work. */
const DECISION_STATEMENTS: readonly RegExp[] = [
  /\b(?:we|i)\s+(?:have\s+)?(?:decided|agreed)\b/iu,
  /\b(?:we|i)(?:'ll|\s+will|\s+are\s+going\s+to|'re\s+going\s+to)\s+(?:not\s+)?(?:move|push|schedule|target|defer|postpone|include|drop|ship|deliver|address|tackle)\b/iu,
  /\bwe\s+(?:won['’]?t|will\s+not|do\s+not\s+plan\s+to|don['’]?t\s+plan\s+to|are\s+not\s+going\s+to)\s+(?!have\b|be\b|need\b|know\b|see\b|get\b)\p{L}+/iu,
  /\bnot\s+something\s+we\s+(?:plan|intend|will)\b/iu,
  /\b(?:have\s+|has\s+been\s+|was\s+|been\s+)?(?:pushed|moved|bumped|deferred|postponed|rescheduled|retargeted)\s+(?:this|it|the\s+(?:ticket|issue|fix|story))?\s*(?:out\s+)?(?:to|into|until|for)\s+(?:the\s+)?(?:next|release|sprint|\d|version|later|v\d)/iu,
  /\b(?:moving|pushing|deferring|postponing)\s+(?:this|it)\s+(?:out\s+)?(?:to|into|until)\b/iu,
  /\b(?:decided|decide)\s+to\s+(?:defer|postpone|drop|push|move|cut|include)\b/iu,
  /\bok(?:ay)?\s+to\s+(?:postpone|defer|push|move)\b/iu,
  /\b(?:bumped|raised|lowered|raising|lowering)\s+(?:up\s+)?(?:the\s+)?priority\b/iu,
  /\b(?:clos|resolv|mark)(?:e|es|ed|ing)\s+(?:this\s+|the\s+)?(?:ticket\s+|issue\s+)?(?:again\s+)?as\s+["“']?(?:won'?t|will\s+not|not\s+planned|later)/iu,
  /\b(?:scheduled|slated|targeted|planned)\s+for\s+(?:the\s+)?(?:next|release|sprint|\d|v\d)/iu,
  /\bwill\s+be\s+(?:implemented|handled|addressed|done)\s+(?:via|in|as)\b/iu,
  /合并到|移到下|推迟到|延期到|不再支持|决定/u,
];

/** Asking or hedging: the sentence leaves the decision to someone else. */
const NOT_YET_DECIDED =
  /\b(?:if and when|let you know|whether)\b|^\s*(?:can|could|would|should|shall|will)\s+(?:you|we|someone|this)\b|\b(?:we\s+might|we\s+may\s+want|might\s+want|would\s+be\s+(?:nice|great|good))\b/iu;
/** A proposal anywhere in a comment makes what it says around it a proposal too, awaiting agreement. */
const PROPOSAL = /\b(?:i\s+would\s+propose|i\s+propose|i\s+suggest|i['’]d\s+suggest|my\s+proposal)\b/iu;

/** Whether the text states a planning decision rather than asking for, proposing or reporting something. */
export function statesDecision(text: string): boolean {
  if (PROPOSAL.test(text)) return false;
  const sentences = text.split(/(?<=[.!?。！？])\s+|\n+/u);
  return sentences.some(
    (sentence) =>
      !/[?？]\s*$/u.test(sentence) &&
      !NOT_YET_DECIDED.test(sentence) &&
      DECISION_STATEMENTS.some((pattern) => pattern.test(sentence)),
  );
}
