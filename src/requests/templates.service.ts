import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { ValidationError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { orgLetterInfo, templatesFor, type OrgLetterInfo } from './casework.letters.js';
import { LETTER_KIND_INFO, LETTER_KINDS, type LetterKind } from './letters.model.js';
import {
  nextTemplateVersion,
  resolveTemplate,
  validateTemplate,
  type ResolvedTemplate,
} from './letters.templates.js';
import { orgFor } from './requests.service.js';

/**
 * Letter templates per org (issue 4: templates versioned per org). Saving never overwrites: it
 * adds the next version, so a letter keeps the template_id it was made from. Also the org's
 * letter settings: 行政复议机关 and 人民法院 of the 救济途径, and the letter number prefix.
 */

export interface TemplateListItem {
  kind: LetterKind;
  label: string;
  source: ResolvedTemplate['source'];
  version: number;
}

/** Every letter kind with the version its letters are made from now. */
export async function listTemplates(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
): Promise<{
  org: { code: string; name: string };
  items: TemplateListItem[];
  settings: OrgLetterInfo;
}> {
  const { org } = await orgFor(ctx, actor, orgCode, 'configure');
  const rows = await templatesFor(ctx.db, org.id);
  const items = LETTER_KINDS.map((kind) => {
    const t = resolveTemplate(rows, kind);
    return { kind, label: LETTER_KIND_INFO[kind].label, source: t.source, version: t.version };
  });
  return { org, items, settings: await orgLetterInfo(ctx.db, org.id) };
}

/** The template of one kind as letters use it now (org version, platform default or built-in). */
export async function currentTemplate(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  kind: LetterKind,
): Promise<ResolvedTemplate> {
  const { org } = await orgFor(ctx, actor, orgCode, 'configure');
  return resolveTemplate(await templatesFor(ctx.db, org.id), kind);
}

/**
 * Saves a new version of the org's template of `kind` after validateTemplate (ERR_LETTER_TEMPLATE
 * naming the bad placeholders). Returns the new version number. Audited.
 */
export async function saveTemplate(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  kind: LetterKind,
  t: { title: string; body: string },
): Promise<number> {
  const { org } = await orgFor(ctx, actor, orgCode, 'configure');
  const template = { title: t.title.trim(), body: t.body.replace(/\r\n/g, '\n').trim() };
  if (template.title === '' || template.body === '')
    throw new ValidationError(
      {
        ...(template.title === '' ? { title: '请填写标题' } : {}),
        ...(template.body === '' ? { body: '请填写正文' } : {}),
      },
      undefined,
      'ERR_LETTER_TEMPLATE',
    );
  validateTemplate(kind, template);
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await templatesFor(trx, org.id);
    const version = nextTemplateVersion(rows, kind);
    await trx
      .insertInto('letter_templates')
      .values({
        org_id: org.id,
        kind,
        version,
        ...template,
        created_by: actor.userId || null,
        created_at: isoNow(ctx.now()),
      })
      .execute();
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'letter_template.save',
      targetType: 'letter_template',
      targetId: `${kind}@${version}`,
    });
    return version;
  });
}

/** Saves the org's letter settings (救济途径 bodies, 文号 prefix); blank clears. Audited. */
export async function saveLetterSettings(
  ctx: AppContext,
  actor: Actor,
  orgCode: string,
  s: { review_body: string | null; court: string | null; letter_prefix: string | null },
): Promise<void> {
  const { org } = await orgFor(ctx, actor, orgCode, 'configure');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('orgs')
      .set({ ...s, updated_at: isoNow(ctx.now()) })
      .where('id', '=', org.id)
      .execute();
    await audit(ctx, trx, actor, {
      orgId: org.id,
      action: 'org.letter_settings',
      targetType: 'org',
      targetId: org.code,
      after: s,
    });
  });
}
