import type { Guidance } from './guidance.model.js';
import { outcomeGuidance } from './guidance.model.js';
import { LETTER_KIND_INFO } from './letters.model.js';
import { OUTCOME_CODES, OUTCOMES } from './requests.model.js';

/**
 * Guidance beside an action or an outcome (issue 4: a new clerk can handle a case correctly):
 * the articles, when it applies, what the letter must say, common mistakes and the report row.
 */
export function GuidancePanel(props: { guidance: Guidance; headingLevel?: 2 | 3 }) {
  const g = props.guidance;
  const H = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <div class="guidance">
      <H>办理指引：{g.title}</H>
      <dl>
        <dt>依据</dt>
        {g.articles.map((a) => (
          <dd key={a.cite}>
            <strong>{a.cite}</strong>：{a.summary}
            {a.quote ? (
              <blockquote>
                {a.quote}
                {a.verified === false ? '（二手来源，待核实原文）' : ''}
              </blockquote>
            ) : null}
          </dd>
        ))}
        <dt>适用情形</dt>
        {g.appliesWhen.map((t) => (
          <dd key={t}>{t}</dd>
        ))}
        <dt>{g.letters.length > 0 ? '告知书必须写明' : '须记录'}</dt>
        <dd>
          <ul>
            {g.letterMustSay.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </dd>
        <dt>常见错误</dt>
        <dd>
          <ul>
            {g.commonMistakes.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        </dd>
        {g.reportRow ? (
          <>
            <dt>年度报告</dt>
            <dd>计入：{g.reportRow}</dd>
          </>
        ) : null}
        {g.letters.length > 0 ? (
          <>
            <dt>告知书</dt>
            <dd>{g.letters.map((k) => LETTER_KIND_INFO[k].label).join('、')}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** Guidance of every outcome, each folded (条例第三十六条至第三十九条, REGULATIONS.md §4.4). */
export function OutcomeGuidanceList() {
  return (
    <section aria-labelledby="outcome-guidance">
      <h2 id="outcome-guidance">各处理结果的依据和告知书要求</h2>
      {OUTCOME_CODES.map((c) => (
        <details key={c} class="guidance-outcome">
          <summary>{OUTCOMES[c].row}</summary>
          <GuidancePanel guidance={outcomeGuidance(c)} headingLevel={3} />
        </details>
      ))}
    </section>
  );
}
