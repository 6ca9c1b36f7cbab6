import type { Generated } from 'kysely';

/**
 * Table types of the database. Portable representation on SQLite and PostgreSQL:
 * timestamps are ISO-8601 UTC text, calendar dates are `YYYY-MM-DD` text, booleans are 0/1
 * integers, structured values are JSON text. Each domain adds its tables here.
 */
export interface OrgsTable {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  kind: string;
  uscc: string | null;
  site_id_code: string | null;
  contact_office: string | null;
  contact_address: string | null;
  contact_hours: string | null;
  contact_phone: string | null;
  contact_fax: string | null;
  contact_email: string | null;
  contact_postcode: string | null;
  contact_confirmed_on: string | null;
  /** Last confirmation of the 公开指南 text (monitoring, REGULATIONS.md §7). */
  guide_confirmed_on: string | null;
  /** 负责人 of the 政府信息公开工作机构, confirmed with the contact data. */
  contact_person: string | null;
  /** JSON of IndexTemplate (orgs.model.ts). */
  index_template: string;
  created_at: string;
  updated_at: string;
}

export interface IndexSequencesTable {
  org_id: number;
  period: string;
  last_value: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  is_platform_admin: number;
  /** SM4-encrypted TOTP secret (crypto/field-crypto.ts); null until enrolled. */
  totp_secret: string | null;
  totp_enabled: number;
  /** 1 only for the demo admin, who may defer enrolment (with a visible warning). */
  totp_may_defer: number;
  /** Time step (unix seconds / 30) of the last TOTP code accepted; older or equal steps are refused. */
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: string | null;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
}

export interface UserRolesTable {
  id: Generated<number>;
  user_id: number;
  org_id: number | null;
  role: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: number;
  /** 1 once the second factor was given (or deferred by the demo admin). */
  second_factor: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string | null;
  at: string;
  success: number;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  org_id: number | null;
  action: string;
  target_type: string;
  target_id: string | null;
  /** JSON: { before, after } of the changed fields. */
  diff: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface CalendarYearsTable {
  year: number;
  source: string;
  note: string | null;
  entered_by: number | null;
  entered_at: string;
}

export interface CalendarDaysTable {
  date: string;
  year: number;
  /** 1 = 放假日, 0 = 调休上班日 */
  is_off_day: number;
  name: string;
}

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: string;
  run_at: string;
  status: string;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_at: string | null;
  last_error: string | null;
  unique_key: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** 栏目 of an org's portal; `update_class` drives freshness monitoring (REGULATIONS.md §7.2). */
export interface ColumnsTable {
  id: Generated<number>;
  org_id: number;
  code: string;
  name: string;
  parent_id: number | null;
  /** Catalogue category code (art20-01 …, guide, annual-report, interpretation) or null. */
  category: string | null;
  /** news | notice | policy | personnel_plan | none */
  update_class: string;
  /** 1–3 review levels before publication. */
  review_levels: number;
  is_system: number;
  sort: number;
  created_at: string;
  updated_at: string;
}

/** 主动公开 information items with the catalogue metadata (EXCHANGE.md §1.2). */
export interface ItemsTable {
  id: Generated<number>;
  org_id: number;
  ref: string;
  index_no: string | null;
  title: string;
  summary: string | null;
  body_html: string | null;
  column_id: number | null;
  category: string;
  /** rule | normative | other */
  doc_type: string;
  doc_number: string | null;
  formed_on: string;
  published_on: string | null;
  /** JSON array of portal | platform | gazette | new_media | other */
  channels: string;
  validity: string | null;
  abolished_on: string | null;
  /** `ref` of the policy this item interprets (政策解读). */
  interprets_ref: string | null;
  /** active | on_request | withheld */
  attribute: string;
  attribute_reason: string | null;
  /** 不予公开 re-review date (条例第十八条). */
  rereview_on: string | null;
  topic: string | null;
  genre: string | null;
  keywords: string | null;
  disclosure_mode: string | null;
  /** draft | in_review | returned | scheduled | published | withdrawn */
  status: string;
  review_level: number;
  scheduled_at: string | null;
  author_id: number | null;
  version: number;
  change_note: string | null;
  withdrawn_on: string | null;
  withdrawal_reason: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ItemVersionsTable {
  id: Generated<number>;
  item_id: number;
  version: number;
  /** JSON snapshot of the item's fields at this version. */
  snapshot: string;
  change_note: string | null;
  author_id: number | null;
  created_at: string;
}

export interface ItemReviewsTable {
  id: Generated<number>;
  item_id: number;
  version: number;
  level: number;
  reviewer_id: number;
  /** approve | return */
  decision: string;
  comment: string | null;
  at: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  item_id: number | null;
  org_id: number;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  /** db | dir */
  storage: string;
  data: Buffer | null;
  text_content: string | null;
  created_at: string;
}

/**
 * 依申请公开 applications. Personal fields (applicant_name, _id_number, _phone, _email,
 * _address, _postcode) hold SM4 ciphertext (crypto/sm.ts encryptField); applicant_id_hash and
 * applicant_contact_hash are keyed SM3 hashes used to find the same applicant (条例第三十五条).
 * reply_due_on, correction_notice_due_on and paused_working_days cache the clock computed from
 * the events (requests/clock.model.ts) for lists and dashboards.
 */
export interface ApplicationsTable {
  id: Generated<number>;
  org_id: number;
  /** 受理编号: random, not sequential, not guessable. */
  ref: string;
  query_code_hash: string | null;
  submission_token: string | null;
  applicant_type: string;
  applicant_name: string;
  applicant_id_type: string | null;
  applicant_id_number: string | null;
  applicant_id_hash: string | null;
  applicant_contact_hash: string | null;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: string | null;
  applicant_postcode: string | null;
  channel: string;
  submitted_on: string;
  /** null until a case worker confirms an online application (条例第三十一条). */
  received_on: string | null;
  description: string;
  delivery: string;
  help_needed: string | null;
  status: string;
  assigned_to: number | null;
  reply_due_on: string | null;
  correction_notice_due_on: string | null;
  paused_working_days: number;
  outcome: string | null;
  legal_basis: string | null;
  concluded_on: string | null;
  entered_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: number;
  seq: number;
  /** An event type of EXCHANGE.md §1.3 (correction_requested, …, concluded, withdrawn). */
  type: string;
  on: string;
  /** JSON of the event's extra fields (due_on, party, working_days, approved_by, …). */
  data: string;
  actor_id: number | null;
  created_at: string;
}

export interface ApplicationNotesTable {
  id: Generated<number>;
  application_id: number;
  author_id: number;
  body: string;
  created_at: string;
}

export interface LetterTemplatesTable {
  id: Generated<number>;
  /** null = the platform's default template. */
  org_id: number | null;
  kind: string;
  version: number;
  title: string;
  body: string;
  created_by: number | null;
  created_at: string;
}

export interface LettersTable {
  id: Generated<number>;
  application_id: number;
  kind: string;
  template_id: number | null;
  title: string;
  html: string;
  docx: Buffer | null;
  sent_on: string | null;
  created_by: number | null;
  created_at: string;
}

export interface ApplicationFilesTable {
  id: Generated<number>;
  application_id: number;
  /** applicant (uploaded with the application) | provided (information given in the reply) */
  role: string;
  filename: string;
  media_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  created_at: string;
}

/** 行政复议 / 行政诉讼 (EXCHANGE.md §1.4). */
export interface AppealsTable {
  id: Generated<number>;
  org_id: number;
  ref: string;
  application_id: number | null;
  /** review | litigation_direct | litigation_after_review */
  kind: string;
  /** 复议机关 or court. */
  body: string | null;
  stage: string | null;
  filed_on: string;
  decided_on: string | null;
  /** maintained | corrected | other | null */
  result: string | null;
  created_at: string;
  updated_at: string;
}

export interface DB {
  orgs: OrgsTable & OrgRemedyColumns;
  index_sequences: IndexSequencesTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  jobs: JobsTable;
  settings: SettingsTable;
  columns: ColumnsTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  item_reviews: ItemReviewsTable;
  attachments: AttachmentsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  application_notes: ApplicationNotesTable;
  letter_templates: LetterTemplatesTable;
  letters: LettersTable;
  application_files: ApplicationFilesTable;
  appeals: AppealsTable;
  link_check_runs: LinkCheckRunsTable;
  link_check_findings: LinkCheckFindingsTable;
  annual_figures: AnnualFiguresTable;
  annual_reports: AnnualReportsTable;
  request_reminders: RequestRemindersTable;
  search_docs: SearchDocsTable;
  search_words: SearchWordsTable;
  monitor_findings: MonitorFindingsTable;
  monitor_finding_events: MonitorFindingEventsTable;
  monitor_scans: MonitorScansTable;
  new_media_accounts: NewMediaAccountsTable;
  spot_checks: SpotChecksTable;
  spot_check_items: SpotCheckItemsTable;
  content_whitelist: ContentWhitelistTable;
  item_check_clearances: ItemCheckClearancesTable;
}

/** One crawl of an org's portal by the link checker (issue 7). */
export interface LinkCheckRunsTable {
  id: Generated<number>;
  org_id: number | null;
  start_url: string;
  started_at: string;
  finished_at: string | null;
  /** running | done | failed */
  status: string;
  pages: number;
  links: number;
  broken_on_home: number;
  broken_on_other_pages: number;
  error: string | null;
}

/** A broken link found by a run; `status` is an HTTP status or an error kind, as text. */
export interface LinkCheckFindingsTable {
  id: Generated<number>;
  run_id: number;
  page: string;
  url: string;
  text: string;
  status: string;
  on_home: number;
}

/**
 * Per-org letter settings (migration 20261128_0220_org_remedy): 救济途径 bodies and the letter
 * number prefix. Declared apart from OrgsTable so the orgs domain keeps its own type.
 */
export interface OrgRemedyColumns {
  review_body: string | null;
  court: string | null;
  letter_prefix: string | null;
}

/** An in-app reminder of a 依申请公开 case due soon or overdue (one per case, kind and day). */
export interface RequestRemindersTable {
  id: Generated<number>;
  org_id: number;
  application_id: number;
  /** due_soon | overdue */
  kind: string;
  due_on: string;
  /** The China date the reminder was computed for. */
  for_date: string;
  assigned_to: number | null;
  created_at: string;
}

/**
 * Figures from other systems per org and year (EXCHANGE.md §1.5): `source` manual (the staff
 * form of table 二 第（五）（六）（八）项) or published (a report published before the platform was
 * used); `data` is JSON of the known parts of a gongkai-annual-report document (absent ≠ zero).
 */
export interface AnnualFiguresTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  /** manual | published */
  source: string;
  data: string;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One revision of an org's annual report (条例第四十九条、第五十条). */
export interface AnnualReportsTable {
  id: Generated<number>;
  org_id: number;
  year: number;
  revision: number;
  /** draft | submitted | published | amended (a published revision replaced by a newer one) */
  state: string;
  /** JSON of the gongkai-annual-report document's figures (narrative kept apart). */
  doc: string;
  /** JSON { overview, problems, other }. */
  narrative: string;
  /** JSON array of { code, path, reason, by, at }: warnings acknowledged with a reason. */
  acknowledgements: string;
  /** JSON array of the findings of the last validation. */
  findings: string;
  change_note: string | null;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
  submitted_by: number | null;
  submitted_at: string | null;
  published_by: number | null;
  published_at: string | null;
  /** China date of publication (for LATE). */
  published_on: string | null;
}

/**
 * One row per item the search index has seen (issue 6): the 文号/索引号 comparison keys, the
 * item's `updated_at` when indexed, and whether it is in the full-text index (published and
 * 主动公开). The tokens themselves live in the dialect's index (search_fts or the tsv column).
 */
export interface SearchDocsTable {
  item_id: number;
  org_id: number;
  doc_number_key: string | null;
  index_no_key: string | null;
  item_updated_at: string;
  in_index: number;
  indexed_at: string;
  /** Copies of the item's filter and facet columns, as indexed (migration 0720). */
  published_on: string | null;
  column_id: number | null;
  category: string | null;
  doc_type: string | null;
  validity: string | null;
}

/** Words administrators add to the search segmentation vocabulary. */
export interface SearchWordsTable {
  id: Generated<number>;
  word: string;
  created_by: number | null;
  created_at: string;
}

/**
 * A monitoring finding, which is also its rectification task (issue 7, REGULATIONS.md §7).
 * `key` identifies the problem across scans (`kind:subject_type:subject_id`) so a rescan updates
 * the same row. kind: stale_column | blank_column | home_not_updated | guide_unconfirmed |
 * contact_unconfirmed | late_publication | missing_interpretation | rereview_overdue |
 * application_overdue | new_media_stale | broken_link | content_personal_data | content_secrecy |
 * content_expression | content_typo. subject_type: org | column | item | application | new_media
 * | link. severity: veto (单项否决) | major | minor. status: open | fixed (marked fixed, awaiting
 * re-check) | closed | ignored. detail: JSON.
 */
export interface MonitorFindingsTable {
  id: Generated<number>;
  org_id: number;
  column_id: number | null;
  kind: string;
  subject_type: string;
  subject_id: string;
  key: string;
  severity: string;
  title: string;
  detail: string;
  status: string;
  assignee_id: number | null;
  due_on: string | null;
  first_seen_at: string;
  last_seen_at: string;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** History of a finding: detected | assigned | marked_fixed | recheck_passed | recheck_failed |
 * reopened | ignored | comment. */
export interface MonitorFindingEventsTable {
  id: Generated<number>;
  finding_id: number;
  at: string;
  actor_id: number | null;
  action: string;
  note: string | null;
}

/** One monitoring scan (all monitors over one org or all orgs), with progress. status: running |
 * done | failed. */
export interface MonitorScansTable {
  id: Generated<number>;
  org_id: number | null;
  started_at: string;
  finished_at: string | null;
  status: string;
  done: number;
  total: number;
  opened: number;
  closed: number;
  error: string | null;
}

/** Register of an org's 政务新媒体 accounts (REGULATIONS.md §7.3). status: operating | closed |
 * merged. */
export interface NewMediaAccountsTable {
  id: Generated<number>;
  org_id: number;
  platform: string;
  name: string;
  owner: string;
  status: string;
  merged_into: string | null;
  url: string | null;
  last_update_on: string | null;
  created_at: string;
  updated_at: string;
}

/** 抽查: a random sample of published items of an org, stratified by column. status: open | done. */
export interface SpotChecksTable {
  id: Generated<number>;
  org_id: number;
  title: string;
  period_from: string;
  period_to: string;
  sample_size: number;
  seed: string;
  status: string;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
}

/** One sampled item of a spot check; result pass | fail | null (not yet checked); checklist JSON. */
export interface SpotCheckItemsTable {
  id: Generated<number>;
  spot_check_id: number;
  item_id: number;
  column_id: number | null;
  result: string | null;
  checklist: string | null;
  note: string | null;
  checked_by: number | null;
  checked_at: string | null;
}

/** A false positive of the content checks (issue 7): org_id null = platform-wide, rule null = any rule. */
export interface ContentWhitelistTable {
  id: Generated<number>;
  org_id: number | null;
  text: string;
  rule: string | null;
  reason: string;
  created_by: number | null;
  created_at: string;
}

/** A reviewer's clearance of a blocking content finding of an item version (the gate, §7.6). */
export interface ItemCheckClearancesTable {
  id: Generated<number>;
  item_id: number;
  version: number;
  rule: string;
  text: string;
  reason: string;
  cleared_by: number | null;
  cleared_at: string;
}
