import { ACTION_GUIDANCE } from './guidance.actions.js';
import type { ArticleRef } from './guidance.articles.js';
import { OUTCOME_GUIDANCE } from './guidance.outcomes.js';
import type { CaseAction, LetterKind } from './letters.model.js';
import type { OutcomeCode } from './requests.model.js';

export type { ArticleRef } from './guidance.articles.js';

/**
 * What a case worker sees beside each action and each outcome (issue 4, "Guidance in the back
 * office"): the articles it rests on, when it applies, what the letter must say, the usual
 * mistakes and the row of table 三 of the annual report it feeds. Pure data.
 */
export interface Guidance {
  title: string;
  /** At least one; the first is the main basis. */
  articles: ArticleRef[];
  appliesWhen: string[];
  /** Checklist of what the letter (or the record, for actions without a letter) must contain. */
  letterMustSay: string[];
  commonMistakes: string[];
  /** The table 三 row label it is counted under, or what in the report it feeds; null if none. */
  reportRow: string | null;
  /** The letters this step produces. */
  letters: LetterKind[];
}

export type GuidanceKey = CaseAction | OutcomeCode;

/** Guidance for an action of the case page. */
export function actionGuidance(action: CaseAction): Guidance {
  return ACTION_GUIDANCE[action];
}

/** Guidance for concluding with an outcome code (REGULATIONS.md §4.4). */
export function outcomeGuidance(outcome: OutcomeCode): Guidance {
  return OUTCOME_GUIDANCE[outcome];
}

/** Guidance for an action or an outcome (the two sets of keys do not overlap). */
export function guidanceFor(key: GuidanceKey): Guidance {
  if (Object.hasOwn(OUTCOME_GUIDANCE, key)) return OUTCOME_GUIDANCE[key as OutcomeCode];
  return ACTION_GUIDANCE[key as CaseAction];
}
