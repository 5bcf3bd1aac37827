import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import {
  ARTICLE_STATUSES,
  ATTACHMENT_KINDS,
  CONTRIBUTION_FORMATS,
  CONTRIBUTION_STATUSES,
  CORRECTION_STATUSES,
  DISPOSITIF_CATEGORIES,
  DISPOSITIF_CORRECTION_FIELDS,
  EDITION_STATUSES,
  EMAIL_STATUSES,
  REGISTRATION_STATUSES,
  SESSION_KINDS,
  SESSION_PERSON_ROLES,
  STRUCTURE_TYPES,
  USER_ROLES,
  sqlList,
} from "#app/domain/shared/vocabulary.ts";

// All instants are stored as UTC milliseconds; pages convert to Europe/Paris.
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
const updatedAt = () =>
  timestamp("updated_at")
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);
const bool = (name: string) => integer(name, { mode: "boolean" });
const inList = (column: string, values: readonly string[]) => sql.raw(`${column} in (${sqlList(values)})`);

// ---------------------------------------------------------------- organisers

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: USER_ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    active: bool("active").notNull().default(true),
    /**
     * False from an invitation until the person first chooses a password. Such an account holds
     * the hash of a random secret nobody knows, so login needs no special case and takes the
     * same time as for any account; this flag is only for pages and for choosing which email
     * (invitation or reset) a fresh link goes out with.
     */
    activated: bool("activated").notNull().default(true),
    /** Base32 secret; set while enrolling, kept once `totpEnabledAt` is set. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at"),
    /** The last accepted 30-second step, so that a code can never be replayed. */
    totpLastStep: integer("totp_last_step"),
    /** Set by an admin: the account must enrol a second factor before reaching the back-office. */
    totpRequired: bool("totp_required").notNull().default(false),
    lastLoginAt: timestamp("last_login_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    check("users_email_lowercase", sql`${t.email} = lower(${t.email})`),
    check("users_role_known", inList("role", USER_ROLES)),
  ],
);

/** Server-side organiser sessions; the cookie carries a token whose SHA-256 is `id`. */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId), index("auth_sessions_expiry_idx").on(t.expiresAt)],
);

export const ACCOUNT_TOKEN_PURPOSES = ["invitation", "reset"] as const;

/**
 * One-time links to choose a password (invitation, reset by an admin). Only the SHA-256 of the
 * 128-bit token is kept; a row is spent by setting `used_at`, and issuing a new link for a user
 * deletes their older unused ones.
 */
export const accountTokens = sqliteTable(
  "account_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("account_tokens_hash_unique").on(t.tokenHash),
    index("account_tokens_user_idx").on(t.userId),
    check("account_tokens_purpose_known", inList("purpose", ACCOUNT_TOKEN_PURPOSES)),
  ],
);

/** Failed-login counters per account and per IP, for growing delays. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at").notNull(),
  blockedUntil: timestamp("blocked_until"),
});

// ---------------------------------------------------------------- editions

export const themes = sqliteTable(
  "themes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description"),
  },
  (t) => [uniqueIndex("themes_slug_unique").on(t.slug)],
);

export const venues = sqliteTable("venues", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  address: text("address"),
  postcode: text("postcode"),
  city: text("city").notNull(),
  access: text("access"),
  accessibility: text("accessibility"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const editions = sqliteTable(
  "editions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    subtitle: text("subtitle"),
    summary: text("summary"),
    /** One objective per line. */
    objectives: text("objectives"),
    startsAt: timestamp("starts_at").notNull(),
    endsAt: timestamp("ends_at").notNull(),
    /** The real date is unknown: pages say the date is given as an example. */
    dateIsIllustrative: bool("date_is_illustrative").notNull().default(false),
    venueId: integer("venue_id").references(() => venues.id, { onDelete: "restrict" }),
    capacity: integer("capacity").notNull(),
    waitlistEnabled: bool("waitlist_enabled").notNull().default(true),
    registrationOpensAt: timestamp("registration_opens_at"),
    registrationClosesAt: timestamp("registration_closes_at"),
    contributionsOpensAt: timestamp("contributions_opens_at"),
    contributionsClosesAt: timestamp("contributions_closes_at"),
    status: text("status", { enum: EDITION_STATUSES }).notNull().default("draft"),
    /** Bumped whenever something a calendar invite shows changes. */
    sequence: integer("sequence").notNull().default(0),
    /** Who signs the attendance certificates, e.g. « Directrice du SIAO 95 ». */
    signatoryName: text("signatory_name"),
    signatoryRole: text("signatory_role"),
    /** The feedback survey opens when the edition is held and takes answers until then. */
    surveyClosesAt: timestamp("survey_closes_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("editions_slug_unique").on(t.slug),
    index("editions_starts_idx").on(t.startsAt),
    index("editions_status_idx").on(t.status, t.startsAt),
    check("editions_status_known", inList("status", EDITION_STATUSES)),
    check("editions_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
    check("editions_capacity_nonnegative", sql`${t.capacity} >= 0`),
    check("editions_sequence_nonnegative", sql`${t.sequence} >= 0`),
    check(
      "editions_registration_window",
      sql`${t.registrationOpensAt} is null or ${t.registrationClosesAt} is null or ${t.registrationClosesAt} > ${t.registrationOpensAt}`,
    ),
    check(
      "editions_contributions_window",
      sql`${t.contributionsOpensAt} is null or ${t.contributionsClosesAt} is null or ${t.contributionsClosesAt} > ${t.contributionsOpensAt}`,
    ),
  ],
);

export const editionThemes = sqliteTable(
  "edition_themes",
  {
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.editionId, t.themeId] }), index("edition_themes_theme_idx").on(t.themeId)],
);

/** A programme item of an edition. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SESSION_KINDS }).notNull(),
    title: text("title").notNull(),
    description: text("description"),
    startsAt: timestamp("starts_at").notNull(),
    endsAt: timestamp("ends_at").notNull(),
    position: integer("position").notNull(),
    room: text("room"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("sessions_edition_idx").on(t.editionId, t.position),
    check("sessions_kind_known", inList("kind", SESSION_KINDS)),
    check("sessions_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A speaker or moderator; the email stays private. */
export const persons = sqliteTable(
  "persons",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    role: text("role"),
    organisation: text("organisation"),
    email: text("email"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("persons_name_idx").on(t.name), index("persons_email_idx").on(t.email)],
);

export const sessionPersons = sqliteTable(
  "session_persons",
  {
    sessionId: integer("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "restrict" }),
    role: text("role", { enum: SESSION_PERSON_ROLES }).notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.personId] }),
    index("session_persons_person_idx").on(t.personId),
    check("session_persons_role_known", inList("role", SESSION_PERSON_ROLES)),
  ],
);

// ---------------------------------------------------------------- contributions

export const contributions = sqliteTable(
  "contributions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    submitterName: text("submitter_name").notNull(),
    submitterEmail: text("submitter_email").notNull(),
    submitterRole: text("submitter_role"),
    submitterOrganisation: text("submitter_organisation"),
    title: text("title").notNull(),
    abstract: text("abstract").notNull(),
    format: text("format", { enum: CONTRIBUTION_FORMATS }).notNull(),
    wishedSessionId: integer("wished_session_id").references(() => sessions.id, { onDelete: "set null" }),
    availability: text("availability"),
    status: text("status", { enum: CONTRIBUTION_STATUSES }).notNull().default("submitted"),
    acceptedSessionId: integer("accepted_session_id").references(() => sessions.id, { onDelete: "set null" }),
    decisionMessage: text("decision_message"),
    decidedAt: timestamp("decided_at"),
    decisionNotifiedAt: timestamp("decision_notified_at"),
    lockedAt: timestamp("locked_at"),
    tokenHash: text("token_hash").notNull(),
    tokenSealed: text("token_sealed"),
    inviteSequence: integer("invite_sequence").notNull().default(0),
    consentAt: timestamp("consent_at").notNull(),
    anonymisedAt: timestamp("anonymised_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("contributions_token_unique").on(t.tokenHash),
    index("contributions_edition_idx").on(t.editionId, t.status),
    check("contributions_format_known", inList("format", CONTRIBUTION_FORMATS)),
    check("contributions_status_known", inList("status", CONTRIBUTION_STATUSES)),
  ],
);

export const contributionSpeakers = sqliteTable(
  "contribution_speakers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    role: text("role"),
    organisation: text("organisation"),
    email: text("email"),
    position: integer("position").notNull(),
  },
  (t) => [index("contribution_speakers_contribution_idx").on(t.contributionId)],
);

export const reviews = sqliteTable(
  "reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    contributionId: integer("contribution_id")
      .notNull()
      .references(() => contributions.id, { onDelete: "cascade" }),
    reviewerId: integer("reviewer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
    comment: text("comment"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("reviews_one_per_reviewer").on(t.contributionId, t.reviewerId),
    check("reviews_score_range", sql`${t.score} between 1 and 5`),
  ],
);

// ---------------------------------------------------------------- registrations

export const registrations = sqliteTable(
  "registrations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    /** Null for a walk-in who gave no address: nobody writes to them. */
    email: text("email"),
    /** Lower-cased email: the key of "one active registration per person" (null never collides). */
    emailKey: text("email_key"),
    organisation: text("organisation").notNull(),
    role: text("role"),
    structureType: text("structure_type", { enum: STRUCTURE_TYPES }).notNull(),
    accessNeeds: text("access_needs"),
    meal: bool("meal").notNull().default(false),
    listedInNetwork: bool("listed_in_network").notNull().default(false),
    consentAt: timestamp("consent_at").notNull(),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    confirmedAt: timestamp("confirmed_at"),
    cancelledAt: timestamp("cancelled_at"),
    checkedInAt: timestamp("checked_in_at"),
    tokenHash: text("token_hash").notNull(),
    /** The token sealed with the app secret, so later emails can repeat the same link. */
    tokenSealed: text("token_sealed"),
    /** SEQUENCE of the last invite sent, so a cancel always outranks it. */
    inviteSequence: integer("invite_sequence").notNull().default(0),
    /**
     * Place in arrival order when it is not the row's own id: a handed-over place keeps the rank
     * of the registration it replaces (decision 020). Order by `coalesce(queue_rank, id)`.
     */
    queueRank: integer("queue_rank"),
    anonymisedAt: timestamp("anonymised_at"),
    /**
     * A fictitious participant of the demo data, written by the seed only (never by a form): the
     * retention purge leaves them, so that a demo started long after its edition still shows
     * everything that follows the day.
     */
    example: bool("example").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("registrations_token_unique").on(t.tokenHash),
    uniqueIndex("registrations_one_active_per_email")
      .on(t.editionId, t.emailKey)
      .where(sql`status <> 'cancelled'`),
    index("registrations_edition_status_idx").on(t.editionId, t.status, t.id),
    check("registrations_status_known", inList("status", REGISTRATION_STATUSES)),
    check("registrations_structure_known", inList("structure_type", STRUCTURE_TYPES)),
    check("registrations_email_key_lowercase", sql`${t.emailKey} = lower(${t.emailKey})`),
  ],
);

/**
 * A registrant's request to change their address: applied only when the link sent to the new
 * address is followed, once, before it expires.
 */
export const registrationEmailChanges = sqliteTable(
  "registration_email_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registrationId: integer("registration_id")
      .notNull()
      .references(() => registrations.id, { onDelete: "cascade" }),
    newEmail: text("new_email").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("registration_email_changes_hash_unique").on(t.tokenHash),
    index("registration_email_changes_registration_idx").on(t.registrationId),
  ],
);

// ---------------------------------------------------------------- archive

export const articles = sqliteTable(
  "articles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    editionId: integer("edition_id").references(() => editions.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    standfirst: text("standfirst"),
    bodyMarkdown: text("body_markdown").notNull().default(""),
    /** The body as plain text, for the search index; written with the Markdown. */
    bodyText: text("body_text").notNull().default(""),
    furtherReadingMarkdown: text("further_reading_markdown"),
    status: text("status", { enum: ARTICLE_STATUSES }).notNull().default("draft"),
    publishedAt: timestamp("published_at"),
    authorId: integer("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("articles_slug_unique").on(t.slug),
    index("articles_published_idx").on(t.status, t.publishedAt),
    index("articles_edition_idx").on(t.editionId),
    check("articles_status_known", inList("status", ARTICLE_STATUSES)),
    check("articles_published_has_date", sql`${t.status} <> 'published' or ${t.publishedAt} is not null`),
  ],
);

export const articleThemes = sqliteTable(
  "article_themes",
  {
    articleId: integer("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.themeId] }), index("article_themes_theme_idx").on(t.themeId)],
);

export const attachments = sqliteTable(
  "attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    articleId: integer("article_id").references(() => articles.id, { onDelete: "cascade" }),
    editionId: integer("edition_id").references(() => editions.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: text("kind", { enum: ATTACHMENT_KINDS }).notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    /** Random file name under the data folder; never derived from user input. */
    storageName: text("storage_name").notNull(),
    originalName: text("original_name").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("attachments_storage_unique").on(t.storageName),
    index("attachments_article_idx").on(t.articleId),
    index("attachments_edition_idx").on(t.editionId),
    check("attachments_kind_known", inList("kind", ATTACHMENT_KINDS)),
    check("attachments_has_owner", sql`${t.articleId} is not null or ${t.editionId} is not null`),
    check("attachments_size_nonnegative", sql`${t.size} >= 0`),
  ],
);

// ---------------------------------------------------------------- directory

export const dispositifs = sqliteTable(
  "dispositifs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    operator: text("operator").notNull(),
    category: text("category", { enum: DISPOSITIF_CATEGORIES }).notNull(),
    subCategory: text("sub_category"),
    /** Publics served, one per line. */
    publics: text("publics"),
    /** Communes covered, one per line; null means the whole département. */
    communes: text("communes"),
    description: text("description"),
    phone: text("phone"),
    email: text("email"),
    website: text("website"),
    year: integer("year"),
    isExample: bool("is_example").notNull().default(false),
    retiredAt: timestamp("retired_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("dispositifs_slug_unique").on(t.slug),
    index("dispositifs_category_idx").on(t.category),
    check("dispositifs_category_known", inList("category", DISPOSITIF_CATEGORIES)),
  ],
);

/**
 * A correction of a directory entry asked for through the public form of its page. The
 * requester's name and email are kept so that an organiser can answer; nothing else about them.
 */
export const dispositifCorrections = sqliteTable(
  "dispositif_corrections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dispositifId: integer("dispositif_id")
      .notNull()
      .references(() => dispositifs.id, { onDelete: "cascade" }),
    requesterName: text("requester_name").notNull(),
    requesterEmail: text("requester_email").notNull(),
    field: text("field", { enum: DISPOSITIF_CORRECTION_FIELDS }).notNull(),
    message: text("message").notNull(),
    status: text("status", { enum: CORRECTION_STATUSES }).notNull().default("new"),
    handledAt: timestamp("handled_at"),
    handledBy: integer("handled_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("dispositif_corrections_status_idx").on(t.status, t.createdAt),
    index("dispositif_corrections_dispositif_idx").on(t.dispositifId),
    check("dispositif_corrections_field_known", inList("field", DISPOSITIF_CORRECTION_FIELDS)),
    check("dispositif_corrections_status_known", inList("status", CORRECTION_STATUSES)),
  ],
);

// ---------------------------------------------------------------- outbox and audit

export const emails = sqliteTable(
  "emails",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    /** iCalendar body attached as invite.ics, with its METHOD (known at queue time, the body at send). */
    ics: text("ics"),
    icsMethod: text("ics_method"),
    /**
     * The email as data until the mail worker renders it (decision 024): template, frozen props,
     * recipient and invite, as JSON. Null once `html`, `text` and `ics` hold the rendered email,
     * and when the email is erased: it names the person.
     */
    payload: text("payload"),
    /** Makes "exactly once" emails (reminders, decisions) idempotent. */
    dedupeKey: text("dedupe_key"),
    editionId: integer("edition_id").references(() => editions.id, { onDelete: "set null" }),
    registrationId: integer("registration_id").references(() => registrations.id, { onDelete: "set null" }),
    contributionId: integer("contribution_id").references(() => contributions.id, { onDelete: "set null" }),
    /** The directory correction request the email forwards: its copy goes when the request is erased. */
    correctionId: integer("correction_id").references(() => dispositifCorrections.id, { onDelete: "set null" }),
    batchId: text("batch_id"),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    /** Lease of the worker that claimed the row, so two workers never send it twice. */
    lockedUntil: timestamp("locked_until"),
    lastError: text("last_error"),
    messageId: text("message_id"),
    sentAt: timestamp("sent_at"),
    /**
     * Set when the person the email is about was erased while it still had to go out (the
     * METHOD:CANCEL that takes the event out of their calendar): the worker blanks it the moment
     * it is sent, or given up.
     */
    eraseAfterSend: bool("erase_after_send").notNull().default(false),
    /** When the recipient, the bodies and the invite were blanked; the row stays for the counts. */
    erasedAt: timestamp("erased_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("emails_dedupe_unique").on(t.dedupeKey),
    index("emails_due_idx").on(t.status, t.nextAttemptAt),
    index("emails_registration_idx").on(t.registrationId),
    index("emails_contribution_idx").on(t.contributionId),
    index("emails_correction_idx").on(t.correctionId),
    index("emails_batch_idx").on(t.batchId),
    check("emails_status_known", inList("status", EMAIL_STATUSES)),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type"),
    entityId: integer("entity_id"),
    /** JSON; never holds erased personal data. */
    details: text("details"),
    ip: text("ip"),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

// ---------------------------------------------------------------- response cache

/**
 * One row whose `version` every write to a table that public pages show bumps (triggers in the
 * migrations), whichever process writes: the public-page cache keys on it.
 */
export const contentVersion = sqliteTable(
  "content_version",
  {
    id: integer("id").primaryKey(),
    version: integer("version").notNull().default(0),
  },
  (t) => [check("content_version_single_row", sql`${t.id} = 1`)],
);

// ---------------------------------------------------------------- after the day

/**
 * Attendance certificates. What the certificate says is copied at issue time, so that its public
 * verification page shows what was certified even after a registration is edited or anonymised.
 * Regenerating revokes the current row and issues a new code.
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    registrationId: integer("registration_id").references(() => registrations.id, { onDelete: "set null" }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    /** Short, unambiguous, random: printed on the PDF and in `/attestation/<code>`. */
    code: text("code").notNull(),
    fullName: text("full_name").notNull(),
    organisation: text("organisation"),
    editionTitle: text("edition_title").notNull(),
    themeNames: text("theme_names"),
    heldOn: timestamp("held_on").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    signatoryName: text("signatory_name"),
    signatoryRole: text("signatory_role"),
    /** « Fait à <ville> »: the venue's town when the certificate was issued. */
    signedIn: text("signed_in"),
    issuedAt: timestamp("issued_at").notNull(),
    revokedAt: timestamp("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.code),
    uniqueIndex("certificates_one_valid_per_registration")
      .on(t.registrationId)
      .where(sql`revoked_at is null`),
    index("certificates_edition_idx").on(t.editionId),
    check("certificates_duration_positive", sql`${t.durationMinutes} > 0`),
  ],
);

/** One feedback answer per registration, editable until the survey closes. */
export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    editionId: integer("edition_id")
      .notNull()
      .references(() => editions.id, { onDelete: "cascade" }),
    /** Null once the registration is erased: the answer stays in the statistics, nameless. */
    registrationId: integer("registration_id").references(() => registrations.id, { onDelete: "set null" }),
    overall: integer("overall").notNull(),
    keep: text("keep"),
    change: text("change"),
    comment: text("comment"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("survey_responses_one_per_registration").on(t.registrationId),
    index("survey_responses_edition_idx").on(t.editionId),
    check("survey_responses_overall_range", sql`${t.overall} between 1 and 5`),
  ],
);

export const surveySessionScores = sqliteTable(
  "survey_session_scores",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.sessionId] }),
    index("survey_session_scores_session_idx").on(t.sessionId),
    check("survey_session_scores_range", sql`${t.score} between 1 and 5`),
  ],
);

/** Themes wished for the next editions, one row each, grouped by `labelKey` (accents, case and spaces folded). */
export const surveyThemeSuggestions = sqliteTable(
  "survey_theme_suggestions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    responseId: integer("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    labelKey: text("label_key").notNull(),
  },
  (t) => [
    index("survey_theme_suggestions_key_idx").on(t.labelKey),
    index("survey_theme_suggestions_response_idx").on(t.responseId),
  ],
);
