import type { Actor } from '../platform/authz.js';
import { audit } from '../platform/audit/audit.service.js';
import type { AppContext } from '../platform/context.js';
import { ForbiddenError } from '../platform/errors.js';
import { isoNow } from '../platform/time.js';
import { deleteWord, insertWord, listWords } from './search.repository.js';
import { segmenterFor } from './search.vocabulary.js';

/**
 * The search vocabulary administrators maintain (platform administrators only): words jieba
 * keeps whole, on top of the built-in government vocabulary and the org names. Substring
 * matching never depends on them (bigrams do that); they improve ranking of whole words.
 */

function assertPlatformAdmin(actor: Actor): void {
  if (!actor.isPlatformAdmin)
    throw new ForbiddenError('ERR_SEARCH_WORDS_FORBIDDEN', '只有平台管理员可以维护检索词库。');
}

export async function listVocabulary(ctx: AppContext, actor: Actor) {
  assertPlatformAdmin(actor);
  return listWords(ctx.db);
}

/** Adds a word (idempotent) and reloads the segmenter of this process at once. */
export async function addWord(ctx: AppContext, actor: Actor, word: string): Promise<void> {
  assertPlatformAdmin(actor);
  await ctx.db.transaction().execute(async (trx) => {
    await insertWord(trx, word, actor.userId || null, isoNow(ctx.now()));
    await audit(ctx, trx, actor, {
      orgId: null,
      action: 'search.word_add',
      targetType: 'search_word',
      targetId: word,
      after: { word },
    });
  });
  await segmenterFor(ctx.db, true);
}

export async function removeWord(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertPlatformAdmin(actor);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteWord(trx, id);
    await audit(ctx, trx, actor, {
      orgId: null,
      action: 'search.word_remove',
      targetType: 'search_word',
      targetId: id,
    });
  });
  await segmenterFor(ctx.db, true);
}
