import type { Actor } from '../platform/authz.js';
import {
  Button,
  CsrfField,
  ErrorSummary,
  PostButton,
  TextField,
} from '../platform/views/components/form.js';
import { Notice } from '../platform/views/components/misc.js';
import { AdminLayout } from '../platform/views/layouts.js';

/** /admin/search/words: the words of the search vocabulary, a form to add one, removal. */
export function WordsPage(props: {
  actor: Actor;
  csrf: string;
  words: Array<{ id: number; word: string; created_at: string }>;
  value?: string;
  errors?: Record<string, string>;
  saved?: boolean;
}) {
  return (
    <AdminLayout
      title="检索词库"
      actor={props.actor}
      csrf={props.csrf}
      currentPath="/admin/search/words"
    >
      <h1>检索词库</h1>
      <p>
        分词时作为整词保留的词语（如机构简称、政策名称）。内置政务词汇和各单位名称已自动包含。
        新词对之后建立的索引生效；如需对已有信息生效，请运行 <code>gongkai search reindex</code>。
        任何两个字以上的片段都能被检索到，与词库无关。
      </p>
      {props.saved ? <Notice kind="success">已保存。</Notice> : null}
      <ErrorSummary errors={props.errors} labels={{ word: '词语' }} />
      <form
        method="post"
        action="/admin/search/words"
        data-error-code={props.errors ? 'ERR_VALIDATION' : undefined}
      >
        <CsrfField token={props.csrf} />
        <TextField
          name="word"
          label="新增词语"
          value={props.value}
          error={props.errors?.word}
          width="medium"
        />
        <Button>添加</Button>
      </form>
      <h2>已添加的词语（{props.words.length}）</h2>
      {props.words.length ? (
        <table class="table">
          <caption class="visually-hidden">检索词库</caption>
          <thead>
            <tr>
              <th scope="col">词语</th>
              <th scope="col">添加时间</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {props.words.map((w) => (
              <tr key={w.id}>
                <td>{w.word}</td>
                <td>{w.created_at.slice(0, 10)}</td>
                <td>
                  <PostButton
                    action={`/admin/search/words/${w.id}/delete`}
                    csrf={props.csrf}
                    variant="danger"
                  >
                    删除“{w.word}”
                  </PostButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>尚未添加词语。</p>
      )}
    </AdminLayout>
  );
}
