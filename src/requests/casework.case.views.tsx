import type { CaseView } from './applications.query.js';
import { PAGE_ACTIONS, type PageAction } from './casework.forms.js';
import { actionGuidance } from './guidance.model.js';
import { CASE_ACTION_INFO, LETTER_KIND_INFO, parseLetterKind } from './letters.model.js';

/**
 * The case page's list of actions, each with the article it rests on and when it applies (the
 * full guidance is on the action's page), and the case's letters as DOCX and HTML.
 */

/**
 * Actions offered for a case: an extension only to approvers (条例第三十三条第二款), the others
 * to those who handle the case (a 负责人 holding only the approver role sees just the extension).
 */
function offered(view: CaseView): PageAction[] {
  return PAGE_ACTIONS.filter((a) => (a === 'extend' ? view.canApprove : view.canHandle));
}

export function CaseActions(props: { base: string; view: CaseView }) {
  return (
    <section aria-labelledby="case-actions">
      <h2 id="case-actions">办理</h2>
      <ul class="case-actions">
        {offered(props.view).map((a) => {
          const g = actionGuidance(a);
          const main = g.articles[0];
          return (
            <li key={a}>
              <a href={`${props.base}/actions/${a}`}>{CASE_ACTION_INFO[a].label}</a>
              {main ? (
                <span class="muted">
                  （{main.cite}）{main.summary}
                </span>
              ) : null}
              {g.appliesWhen[0] ? <p class="field__hint">适用：{g.appliesWhen[0]}</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function CaseLetters(props: { base: string; letters: CaseView['letters'] }) {
  if (props.letters.length === 0) return null;
  return (
    <section aria-labelledby="case-letters">
      <h2 id="case-letters">告知书</h2>
      <ul>
        {props.letters.map((l) => {
          const kind = parseLetterKind(l.kind);
          return (
            <li key={l.id}>
              {l.sent_on ?? ''} {l.title}
              {kind ? `（${LETTER_KIND_INFO[kind].label}）` : ''}{' '}
              <a href={`${props.base}/letters/${l.id}.docx`}>下载 DOCX</a>{' '}
              <a href={`${props.base}/letters/${l.id}.html`}>下载 HTML</a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
