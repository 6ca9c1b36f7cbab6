import type { ComponentChildren } from 'preact';

/** Error summary at the top of a form: each message links to its field (GOV.UK pattern). */
export function ErrorSummary(props: {
  errors: Record<string, string> | undefined;
  labels?: Record<string, string>;
}) {
  const entries = Object.entries(props.errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title" class="error-summary__title">
        提交的内容有误
      </h2>
      <ul class="error-summary__list">
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldId(field)}`}>
              {props.labels?.[field] ? `${props.labels[field]}：` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Stable element id for a field name (dots and brackets are not valid in fragment links). */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}

function FieldWrap(props: FieldProps & { children: ComponentChildren }) {
  const id = fieldId(props.name);
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label for={id} class="field__label">
        {props.label}
        {props.required ? (
          <span class="field__required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {props.hint ? (
        <p id={`${id}-hint`} class="field__hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${id}-error`} class="field__error">
          <span class="visually-hidden">错误：</span>
          {props.error}
        </p>
      ) : null}
      {props.children}
    </div>
  );
}

function describedBy(p: FieldProps): string | undefined {
  const id = fieldId(p.name);
  const parts = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

/** A labelled text input; errors and hints are tied to it with aria-describedby. */
export function TextField(
  props: FieldProps & {
    value?: string | number | null | undefined;
    type?: string;
    autocomplete?: string;
    inputmode?: string;
    maxLength?: number;
    width?: 'short' | 'medium' | 'full';
  },
) {
  return (
    <FieldWrap {...props}>
      <input
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        class={`input input--${props.width ?? 'full'}`}
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-required={props.required ? 'true' : undefined}
        autocomplete={props.autocomplete}
        inputMode={props.inputmode as 'text' | undefined}
        maxLength={props.maxLength}
      />
    </FieldWrap>
  );
}

export function TextArea(props: FieldProps & { value?: string | null | undefined; rows?: number }) {
  return (
    <FieldWrap {...props}>
      <textarea
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        class="input input--full"
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.value ?? ''}
      </textarea>
    </FieldWrap>
  );
}

export function SelectField(
  props: FieldProps & {
    value?: string | number | null | undefined;
    options: Array<{ value: string; label: string }>;
    emptyLabel?: string;
  },
) {
  const current = props.value === null || props.value === undefined ? '' : String(props.value);
  return (
    <FieldWrap {...props}>
      <select
        id={fieldId(props.name)}
        name={props.name}
        class="input input--medium"
        aria-describedby={describedBy(props)}
        aria-invalid={props.error ? 'true' : undefined}
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldWrap>
  );
}

export function Checkbox(props: {
  name: string;
  label: string;
  checked?: boolean;
  value?: string;
}) {
  const id = fieldId(`${props.name}-${props.value ?? 'on'}`);
  return (
    <div class="checkbox">
      <input
        id={id}
        type="checkbox"
        name={props.name}
        value={props.value ?? 'on'}
        checked={props.checked}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** Hidden CSRF token field; every state-changing form includes it. */
export function CsrfField(props: { token: string }) {
  return <input type="hidden" name="_csrf" value={props.token} />;
}

export function Button(props: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'danger';
  name?: string;
  value?: string;
}) {
  return (
    <button
      type="submit"
      class={`button button--${props.variant ?? 'primary'}`}
      name={props.name}
      value={props.value}
    >
      {props.children}
    </button>
  );
}

/** A one-button form posting to `action` (sign out, delete, …) with its CSRF token. */
export function PostButton(props: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'danger';
}) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField token={props.csrf} />
      <Button variant={props.variant ?? 'secondary'}>{props.children}</Button>
    </form>
  );
}
