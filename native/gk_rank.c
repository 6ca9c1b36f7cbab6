/*
** gk_rank: an FTS5 ranking function for Gongkai's SQLite search index (docs/search.md).
**
** gk_bm25(search_fts, w0, w1, ...) returns the same score as FTS5's built-in
** bm25(search_fts, w0, w1, ...), with one difference: the number of rows that contain each
** query token (its document frequency, for the IDF) is remembered per connection between
** statements. bm25() counts it again in every statement by reading the token's whole doclist
** (xQueryPhrase): 30-80 ms for a token in most of 1,000,000 items, paid by every query that
** has such a token. A remembered count is used as long as nothing has been written to the
** database since (its data version, which any commit changes, and this connection's change
** count, which its own uncommitted writes change): then it is exact. On an index of LARGE_ROWS
** rows or more it is also used after writes, for at most MAX_AGE seconds and while the index's
** rows and tokens have changed by at most DRIFT: a token's weight may then lag behind the last
** changes (at most 0.1 % of the items, at most ten minutes), as a search engine's statistics
** do. A phrase of several tokens is counted every time, as bm25() does.
**
** Built by scripts/build-native.mjs (npm install); loaded by src/platform/db/database.ts.
** Without it the index uses bm25() and gives the same results, more slowly.
*/
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <math.h>
#include <string.h>
#include <time.h>

#define SLOTS 8192          /* remembered tokens per connection (a power of two) */
#define MAX_TOKEN 64        /* longer tokens are not remembered */
#define LARGE_ROWS 100000
#define DRIFT 0.001
#define MAX_AGE 600

/* What the database looked like: nothing has been written since while both are unchanged. */
typedef struct Version {
  unsigned int data;        /* SQLITE_FCNTL_DATA_VERSION: any commit, by any connection */
  sqlite3_int64 changes;    /* this connection's rows changed, also inside its transaction */
} Version;

typedef struct Slot {
  int n;                    /* token length in bytes; 0: empty */
  char token[MAX_TOKEN];
  sqlite3_int64 hits;       /* rows containing the token */
  sqlite3_int64 rows;       /* rows in the index when counted */
  sqlite3_int64 tokens;     /* tokens in the index when counted */
  Version version;
  time_t at;
} Slot;

typedef struct Cache {
  sqlite3 *db;
  Slot slot[SLOTS];
} Cache;

static Version versionOf(sqlite3 *db) {
  Version v = {0, sqlite3_total_changes64(db)};
  if (sqlite3_file_control(db, "main", SQLITE_FCNTL_DATA_VERSION, &v.data) != SQLITE_OK)
    v.data = 0;
  return v;
}

/* Per statement: the IDF of each phrase, the average row length, and a scratch array. */
typedef struct Stats {
  int nPhrase;
  double avgdl;
  double *idf;
  double *freq;
} Stats;

static unsigned int hashOf(const char *z, int n) {
  unsigned int h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ (unsigned char)z[i]) * 16777619u;
  return h;
}

static int countRow(const Fts5ExtensionApi *api, Fts5Context *fts, void *user) {
  (void)api;
  (void)fts;
  (*(sqlite3_int64 *)user)++;
  return SQLITE_OK;
}

static int fresh(const Slot *s, Version v, sqlite3_int64 rows, sqlite3_int64 tokens,
                 time_t now) {
  if (s->version.data == v.data && s->version.changes == v.changes) return 1;
  if (rows < LARGE_ROWS || now - s->at > MAX_AGE) return 0;
  return fabs((double)(rows - s->rows)) <= DRIFT * (double)s->rows &&
         fabs((double)(tokens - s->tokens)) <= DRIFT * (double)s->tokens;
}

/* Rows containing phrase i: remembered, or counted (and remembered when one short token). */
static int hitsOf(const Fts5ExtensionApi *api, Fts5Context *fts, Cache *cache, int i,
                  Version v, time_t now, sqlite3_int64 rows, sqlite3_int64 tokens,
                  sqlite3_int64 *hits) {
  const char *tok = 0;
  int n = 0;
  Slot *s = 0;
  if (api->iVersion >= 3 && api->xPhraseSize(fts, i) == 1 &&
      api->xQueryToken(fts, i, 0, &tok, &n) == SQLITE_OK && n > 0 && n <= MAX_TOKEN) {
    s = &cache->slot[hashOf(tok, n) & (SLOTS - 1)];
    if (s->n == n && memcmp(s->token, tok, (size_t)n) == 0 && fresh(s, v, rows, tokens, now)) {
      *hits = s->hits;
      return SQLITE_OK;
    }
  }
  *hits = 0;
  int rc = api->xQueryPhrase(fts, i, hits, countRow);
  if (rc == SQLITE_OK && s) {
    s->n = n;
    memcpy(s->token, tok, (size_t)n);
    s->hits = *hits;
    s->rows = rows;
    s->tokens = tokens;
    s->version = v;
    s->at = now;
  }
  return rc;
}

static int statsOf(const Fts5ExtensionApi *api, Fts5Context *fts, Stats **out) {
  Stats *p = (Stats *)api->xGetAuxdata(fts, 0);
  if (p) {
    *out = p;
    return SQLITE_OK;
  }
  Cache *cache = (Cache *)api->xUserData(fts);
  int nPhrase = api->xPhraseCount(fts);
  p = (Stats *)sqlite3_malloc64(sizeof(Stats) + 2 * (sqlite3_uint64)nPhrase * sizeof(double));
  if (!p) return SQLITE_NOMEM;
  memset(p, 0, sizeof(Stats) + 2 * (size_t)nPhrase * sizeof(double));
  p->nPhrase = nPhrase;
  p->idf = (double *)&p[1];
  p->freq = &p->idf[nPhrase];
  sqlite3_int64 rows = 0, tokens = 0;
  int rc = api->xRowCount(fts, &rows);
  if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
  if (rc == SQLITE_OK) p->avgdl = (double)tokens / (double)(rows > 0 ? rows : 1);
  Version v = versionOf(cache->db);
  time_t now = time(0);
  for (int i = 0; rc == SQLITE_OK && i < nPhrase; i++) {
    sqlite3_int64 hits = 0;
    rc = hitsOf(api, fts, cache, i, v, now, rows, tokens, &hits);
    if (rc == SQLITE_OK) {
      /* BM25's IDF; never negative or zero, as in FTS5's bm25(). */
      double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
      p->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
  }
  if (rc == SQLITE_OK) rc = api->xSetAuxdata(fts, p, sqlite3_free);
  else sqlite3_free(p);
  if (rc == SQLITE_OK) *out = p;
  return rc;
}

static void gkBm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
                   int nVal, sqlite3_value **apVal) {
  const double k1 = 1.2, b = 0.75;
  Stats *p = 0;
  int nInst = 0, nTok = 0;
  int rc = statsOf(api, fts, &p);
  if (rc == SQLITE_OK) {
    memset(p->freq, 0, sizeof(double) * (size_t)p->nPhrase);
    rc = api->xInstCount(fts, &nInst);
  }
  for (int i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip, ic, io;
    rc = api->xInst(fts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK) p->freq[ip] += ic < nVal ? sqlite3_value_double(apVal[ic]) : 1.0;
  }
  if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &nTok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  double score = 0.0;
  for (int i = 0; i < p->nPhrase; i++) {
    double f = p->freq[i];
    score += p->idf[i] * (f * (k1 + 1.0)) / (f + k1 * (1.0 - b + b * (double)nTok / p->avgdl));
  }
  sqlite3_result_double(ctx, -1.0 * score);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_gkrank_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  SQLITE_EXTENSION_INIT2(pApi);
  (void)pzErrMsg;
  fts5_api *fts = 0;
  sqlite3_stmt *stmt = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, 0);
  if (rc != SQLITE_OK) return rc;
  sqlite3_bind_pointer(stmt, 1, (void *)&fts, "fts5_api_ptr", 0);
  sqlite3_step(stmt);
  rc = sqlite3_finalize(stmt);
  if (rc != SQLITE_OK) return rc;
  if (!fts || fts->iVersion < 2) return SQLITE_ERROR;
  Cache *cache = (Cache *)sqlite3_malloc64(sizeof(Cache));
  if (!cache) return SQLITE_NOMEM;
  memset(cache, 0, sizeof(Cache));
  cache->db = db;
  return fts->xCreateFunction(fts, "gk_bm25", cache, gkBm25, sqlite3_free);
}
