import {
  Button,
  CsrfField,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
} from '../platform/views/components/form.js';
import {
  MAX_REVIEW_LEVELS,
  UPDATE_CLASS_LABELS,
  UPDATE_CLASSES,
  type UpdateClass,
} from './catalogue.model.js';
import { CataloguePage, type PageBase } from './catalogue.views.js';
import type { Column } from './columns.model.js';
import type { TimelinessRow } from './figures.service.js';
import type { ItemRow } from './items.repository.js';

/** Pages of columns, the re-review queue, missing interpretations and timeliness. */

export function ColumnsPage(
  props: PageBase & {
    columns: Column[];
    canManage: boolean;
    editing: Column | null;
    values: Record<string, string>;
    errors?: Record<string, string>;
  },
) {
  const base = `/admin/orgs/${props.org.code}/columns`;
  const e = props.errors ?? {};
  const v = props.values;
  return (
    <CataloguePage {...props} title="栏目管理">
      <h1>栏目管理</h1>
      <div class="table-wrap" tabIndex={0}>
        <table class="table">
          <caption class="visually-hidden">栏目</caption>
          <thead>
            <tr>
              <th scope="col">栏目</th>
              <th scope="col">代码</th>
              <th scope="col">更新类别</th>
              <th scope="col">审核级数</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {props.columns.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.parentId ? '　' : ''}
                  {c.name}
                  {c.isSystem ? '（专栏）' : ''}
                </td>
                <td>{c.code}</td>
                <td>{UPDATE_CLASS_LABELS[c.updateClass]}</td>
                <td>{c.reviewLevels}</td>
                <td>
                  {props.canManage ? (
                    <a href={`${base}?edit=${c.id}#column-form`}>
                      编辑<span class="visually-hidden">{c.name}</span>
                    </a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.canManage ? (
        <>
          <h2 id="column-form">{props.editing ? `编辑栏目：${props.editing.name}` : '新增栏目'}</h2>
          <ErrorSummary errors={props.errors} />
          <form
            method="post"
            action={props.editing ? `${base}/${props.editing.id}` : base}
            novalidate
            data-error-code={props.errors ? 'ERR_VALIDATION' : undefined}
          >
            <CsrfField token={props.csrf} />
            <TextField
              name="name"
              label="栏目名称"
              required
              value={v.name}
              error={e.name}
              width="medium"
            />
            <TextField
              name="code"
              label="栏目代码"
              hint="小写字母、数字和连字符，用于网址；专栏的代码不能修改"
              required
              value={v.code}
              error={e.code}
              width="medium"
            />
            <SelectField
              name="parent_id"
              label="上级栏目"
              value={v.parent_id}
              emptyLabel="无（一级栏目）"
              options={props.columns
                .filter((c) => c.parentId === null && c.id !== props.editing?.id)
                .map((c) => ({ value: String(c.id), label: c.name }))}
              error={e.parent_id}
            />
            <SelectField
              name="update_class"
              label="更新类别"
              hint="用于网站监测的更新频率检查"
              required
              value={v.update_class ?? 'none'}
              options={UPDATE_CLASSES.map((u: UpdateClass) => ({
                value: u,
                label: UPDATE_CLASS_LABELS[u],
              }))}
              error={e.update_class}
            />
            <SelectField
              name="review_levels"
              label="审核级数"
              required
              value={v.review_levels ?? '1'}
              options={Array.from({ length: MAX_REVIEW_LEVELS }, (_, i) => ({
                value: String(i + 1),
                label: `${i + 1} 级`,
              }))}
              error={e.review_levels}
            />
            <TextField
              name="sort"
              label="排序"
              type="number"
              value={v.sort}
              error={e.sort}
              width="short"
            />
            <Button>保存栏目</Button>
          </form>
        </>
      ) : null}
    </CataloguePage>
  );
}

function ItemLink(props: { org: string; item: ItemRow }) {
  return <a href={`/admin/orgs/${props.org}/items/${props.item.id}`}>{props.item.title}</a>;
}

export function RereviewPage(
  props: PageBase & {
    items: ItemRow[];
    today: string;
    canReview: boolean;
    errors?: Record<string, string>;
  },
) {
  return (
    <CataloguePage {...props} title="不予公开信息定期审查">
      <h1>不予公开信息定期审查</h1>
      <p>
        依据《政府信息公开条例》第十八条，对不予公开的政府信息定期评估审查，因情势变化可以公开的应当公开。以下为截至{' '}
        {props.today} 到期的信息。
      </p>
      <ErrorSummary errors={props.errors} />
      {props.items.length === 0 ? (
        <p>暂无到期需审查的信息。</p>
      ) : (
        <ul class="queue">
          {props.items.map((i) => (
            <li key={i.id}>
              <ItemLink org={props.org.code} item={i} />
              （审查日期：{i.rereview_on}；依据：{i.attribute_reason}）
              {props.canReview ? (
                <form
                  method="post"
                  action={`/admin/orgs/${props.org.code}/rereview/${i.id}`}
                  novalidate
                >
                  <CsrfField token={props.csrf} />
                  <SelectField
                    name="result"
                    label="审查结论"
                    value="keep"
                    options={[
                      { value: 'keep', label: '继续不予公开' },
                      { value: 'release', label: '转为主动公开（进入发布审核）' },
                    ]}
                  />
                  <TextArea name="comment" label="审查意见" rows={2} />
                  <Button variant="secondary">记录审查结果</Button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </CataloguePage>
  );
}

export function MissingInterpretationsPage(
  props: PageBase & {
    items: ItemRow[];
    year: number;
    timeliness: { total: TimelinessRow; columns: TimelinessRow[] };
  },
) {
  return (
    <CataloguePage {...props} title="未解读的行政规范性文件">
      <h1>未解读的行政规范性文件</h1>
      <p>已发布但尚无已发布政策解读的行政规范性文件（政策解读同步关联）。</p>
      {props.items.length === 0 ? (
        <p>暂无。</p>
      ) : (
        <ul>
          {props.items.map((i) => (
            <li key={i.id}>
              <ItemLink org={props.org.code} item={i} />（{i.doc_number ?? '无文号'}，
              {i.published_on}发布）
            </li>
          ))}
        </ul>
      )}
      <h2>{props.year}年公开及时性（条例第二十六条）</h2>
      <div class="table-wrap" tabIndex={0}>
        <table class="table">
          <caption class="visually-hidden">公开及时性</caption>
          <thead>
            <tr>
              <th scope="col">栏目</th>
              <th scope="col">发布数</th>
              <th scope="col">超期发布数</th>
            </tr>
          </thead>
          <tbody>
            {[...props.timeliness.columns, props.timeliness.total].map((r) => (
              <tr key={r.columnName}>
                <th scope="row">{r.columnName}</th>
                <td>{r.published}</td>
                <td>{r.late}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </CataloguePage>
  );
}
