// The rich-text editor of the item form (progressive enhancement): the body <textarea> stays the
// source of truth and the no-JS fallback; with JS it is hidden behind a contenteditable region
// whose cleaned HTML is copied back on every input and on submit. Paste from Word/WPS is cleaned
// here by the same pure cleaner the server runs before its allowlist (catalogue/body-html.ts).
import { cleanBodyHtml, looksLikeHtml, plainTextToHtml } from '../catalogue/body-html.js';

interface Tool {
  label: string;
  /** Shortcut hint read by screen readers (aria-keyshortcuts). */
  keys?: string;
  run(area: HTMLElement): void;
  /** execCommand state shown with aria-pressed. */
  state?: string;
}

/** An empty region starts with a paragraph, so the first line typed is a <p>, not bare text. */
const EMPTY = '<p><br></p>';

const exec = (command: string, value?: string) => document.execCommand(command, false, value);

const TABLE_HTML =
  '<table><thead><tr><th>表头</th><th>表头</th></tr></thead>' +
  '<tbody><tr><td>内容</td><td>内容</td></tr><tr><td>内容</td><td>内容</td></tr></tbody></table><p>正文</p>';

function askLink(): void {
  const href = window.prompt('链接地址（http://、https:// 或 mailto:）', 'https://');
  if (href === null) return;
  const trimmed = href.trim();
  if (!/^(https?:\/\/|mailto:)\S+$/i.test(trimmed)) {
    window.alert('链接地址须以 http://、https:// 或 mailto: 开头。');
    return;
  }
  exec('createLink', trimmed);
}

const TOOLS: Tool[] = [
  { label: '标题二', run: () => exec('formatBlock', '<h2>') },
  { label: '标题三', run: () => exec('formatBlock', '<h3>') },
  { label: '正文', run: () => exec('formatBlock', '<p>') },
  { label: '加粗', keys: 'Control+B', state: 'bold', run: () => exec('bold') },
  { label: '倾斜', keys: 'Control+I', state: 'italic', run: () => exec('italic') },
  { label: '有序列表', state: 'insertOrderedList', run: () => exec('insertOrderedList') },
  { label: '无序列表', state: 'insertUnorderedList', run: () => exec('insertUnorderedList') },
  { label: '表格插入', run: () => exec('insertHTML', TABLE_HTML) },
  { label: '链接', run: askLink },
  { label: '撤销', keys: 'Control+Z', run: () => exec('undo') },
  { label: '重做', keys: 'Control+Y', run: () => exec('redo') },
  {
    label: '清除格式',
    run: () => {
      exec('removeFormat');
      exec('unlink');
    },
  },
];

/** Roving tabindex: one toolbar stop, arrow keys move between buttons (WAI-ARIA toolbar). */
function rovingFocus(toolbar: HTMLElement, buttons: HTMLButtonElement[]): void {
  buttons.forEach((b, i) => (b.tabIndex = i === 0 ? 0 : -1));
  toolbar.addEventListener('keydown', (e) => {
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    let next = at;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (at + 1) % buttons.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp')
      next = (at - 1 + buttons.length) % buttons.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    else return;
    e.preventDefault();
    buttons.forEach((b, i) => (b.tabIndex = i === next ? 0 : -1));
    buttons[next]?.focus();
  });
}

/** Enhances one `[data-module="rich-editor"]` wrapper holding the body textarea. */
export function enhanceEditor(wrapper: HTMLElement): void {
  const textarea = wrapper.querySelector('textarea');
  const label = wrapper.querySelector<HTMLLabelElement>('label');
  if (!textarea || !label || wrapper.dataset.enhanced === 'true') return;
  wrapper.dataset.enhanced = 'true';
  const id = textarea.id || 'body-editor';
  label.id = label.id || `${id}-label`;

  const area = document.createElement('div');
  area.id = `${id}-editor`;
  area.className = 'rich-editor__area';
  area.contentEditable = 'true';
  area.setAttribute('role', 'textbox');
  area.setAttribute('aria-multiline', 'true');
  area.setAttribute('aria-labelledby', label.id);
  const described = textarea.getAttribute('aria-describedby');
  if (described) area.setAttribute('aria-describedby', described);
  if (textarea.getAttribute('aria-invalid') === 'true') area.setAttribute('aria-invalid', 'true');
  area.tabIndex = 0;
  const initial = textarea.value.trim();
  area.innerHTML =
    cleanBodyHtml(looksLikeHtml(initial) ? initial : plainTextToHtml(initial)) || EMPTY;

  const toolbar = document.createElement('div');
  toolbar.className = 'rich-editor__toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', '正文编辑工具');
  toolbar.setAttribute('aria-controls', area.id);
  const buttons = TOOLS.map((tool) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'rich-editor__button';
    b.textContent = tool.label;
    if (tool.keys) b.setAttribute('aria-keyshortcuts', tool.keys);
    if (tool.state) b.setAttribute('aria-pressed', 'false');
    // Keep the selection in the editable region while clicking a tool.
    b.addEventListener('mousedown', (e) => e.preventDefault());
    b.addEventListener('click', () => {
      area.focus();
      tool.run(area);
      sync();
    });
    toolbar.append(b);
    return b;
  });
  rovingFocus(toolbar, buttons);

  const sync = () => {
    textarea.value = cleanBodyHtml(area.innerHTML);
    TOOLS.forEach((tool, i) => {
      if (!tool.state) return;
      let on = false;
      try {
        on = document.queryCommandState(tool.state);
      } catch {
        on = false;
      }
      buttons[i]?.setAttribute('aria-pressed', String(on));
    });
  };

  area.addEventListener('focus', () => {
    exec('styleWithCSS', 'false');
    exec('defaultParagraphSeparator', 'p');
  });
  area.addEventListener('input', () => {
    if (area.innerHTML === '' || area.innerHTML === '<br>') area.innerHTML = EMPTY;
    sync();
  });
  area.addEventListener('keyup', sync);
  area.addEventListener('mouseup', sync);
  area.addEventListener('paste', (e) => {
    const data = e.clipboardData;
    if (!data) return;
    e.preventDefault();
    const html = data.getData('text/html');
    const cleaned = html ? cleanBodyHtml(html) : plainTextToHtml(data.getData('text/plain'));
    if (cleaned) exec('insertHTML', cleaned);
    sync();
  });
  area.addEventListener('drop', (e) => {
    // Dropped files or foreign markup would bypass the cleaner; attachments have their own form.
    e.preventDefault();
  });
  label.addEventListener('click', (e) => {
    e.preventDefault();
    area.focus();
  });
  textarea.form?.addEventListener('submit', sync);

  textarea.hidden = true;
  textarea.setAttribute('aria-hidden', 'true');
  textarea.tabIndex = -1;
  const box = document.createElement('div');
  box.className = 'rich-editor';
  box.append(toolbar, area);
  textarea.after(box);
  wrapper.classList.add('rich-editor--on');
}

/** Enhances every rich-text field of the page. */
export function enhanceEditors(): void {
  document.querySelectorAll<HTMLElement>('[data-module="rich-editor"]').forEach(enhanceEditor);
}
