import { formatChinaTime } from '../platform/time.js';
import { CataloguePage, type PageBase } from './catalogue.views.js';
import type { ItemRow, ItemVersionRow } from './items.repository.js';
import type { DiffLine, FieldChange } from './versions.model.js';

/** The comparison of two versions of an item: changed metadata and the body line by line. */
export function ComparePage(
  props: PageBase & {
    item: ItemRow;
    a: ItemVersionRow;
    b: ItemVersionRow;
    fields: FieldChange[];
    body: DiffLine[];
  },
) {
  const base = `/admin/orgs/${props.org.code}/items/${props.item.id}`;
  return (
    <CataloguePage {...props} title={`版本比较：${props.item.title}`}>
      <h1>版本比较</h1>
      <p>
        <a href={base}>{props.item.title}</a>：第 {props.a.version} 版（
        {formatChinaTime(props.a.created_at)}）与第 {props.b.version} 版（
        {formatChinaTime(props.b.created_at)}）
      </p>
      {props.fields.length === 0 ? (
        <p>元数据无变化。</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table class="table">
            <caption>元数据变化</caption>
            <thead>
              <tr>
                <th scope="col">字段</th>
                <th scope="col">第 {props.a.version} 版</th>
                <th scope="col">第 {props.b.version} 版</th>
              </tr>
            </thead>
            <tbody>
              {props.fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{f.label}</th>
                  <td>{f.before ?? '—'}</td>
                  <td>{f.after ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>正文变化</h2>
      {props.body.every((l) => l.op === 'same') ? (
        <p>正文无变化。</p>
      ) : (
        <ol class="diff">
          {props.body.map((l, n) => (
            <li key={n} class={`diff__${l.op}`}>
              {l.op === 'del' ? (
                <del>{l.text}</del>
              ) : l.op === 'add' ? (
                <ins>{l.text}</ins>
              ) : (
                <span>{l.text}</span>
              )}
            </li>
          ))}
        </ol>
      )}
    </CataloguePage>
  );
}
