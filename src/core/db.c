/* db.c - opening the database safely and migrating it in order. */
#include "db.h"
#include "audit.h"
#include "zhtext.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The audit trail's table (migration 9); its triggers come from audit.c. */
static const char audit_migration[] =
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  tbl TEXT NOT NULL,"
	"  record TEXT NOT NULL,"
	"  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),"
	"  changes TEXT NOT NULL"
	");"
	"CREATE INDEX audit_by_record ON audit (record, id);"
	"CREATE TRIGGER audit_kept_as_written BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;"
	"CREATE TRIGGER audit_never_removed BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be removed'); END;";

/* Each entry moves the schema one version up; never edit a released entry, add a new one. */
static const char *const migrations[] = {
	/* 1: the unit directory and a key/value table for site facts */
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	");"
	"CREATE TABLE unit ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 60),"
	"  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 4),"
	"  township TEXT NOT NULL DEFAULT '',"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  address TEXT NOT NULL DEFAULT '',"
	"  postcode TEXT NOT NULL DEFAULT '',"
	"  email TEXT NOT NULL DEFAULT '',"
	"  hours TEXT NOT NULL DEFAULT '',"
	"  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL"
	");"
	"CREATE INDEX unit_by_kind_name ON unit (kind, name);",

	/* 2: the application register, its history, guidance records, serials and the print log */
	"CREATE TABLE serial_counter ("
	"  reg TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  last INTEGER NOT NULL,"
	"  PRIMARY KEY (reg, year)"
	");"
	"CREATE TABLE application ("
	"  id INTEGER PRIMARY KEY,"
	"  serial TEXT NOT NULL UNIQUE,"
	"  applicant_kind TEXT NOT NULL CHECK (applicant_kind IN ('person', 'org')),"
	"  name TEXT NOT NULL,"
	"  employer TEXT NOT NULL DEFAULT '',"
	"  id_type TEXT NOT NULL DEFAULT '',"
	"  id_number TEXT NOT NULL DEFAULT '',"
	"  org_kind TEXT NOT NULL DEFAULT '',"
	"  uscc TEXT NOT NULL DEFAULT '',"
	"  legal_rep TEXT NOT NULL DEFAULT '',"
	"  contact_name TEXT NOT NULL DEFAULT '',"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  address TEXT NOT NULL DEFAULT '',"
	"  postcode TEXT NOT NULL DEFAULT '',"
	"  email TEXT NOT NULL DEFAULT '',"
	"  unit_id INTEGER NOT NULL REFERENCES unit (id),"
	"  unit_name TEXT NOT NULL,"
	"  description TEXT NOT NULL,"
	"  form TEXT NOT NULL,"
	"  delivery TEXT NOT NULL,"
	"  oral INTEGER NOT NULL DEFAULT 0 CHECK (oral IN (0, 1)),"
	"  received TEXT NOT NULL,"
	"  state TEXT NOT NULL,"
	"  clock_start TEXT NOT NULL,"
	"  extended INTEGER NOT NULL DEFAULT 0,"
	"  deadline TEXT NOT NULL DEFAULT '',"
	"  outcome TEXT NOT NULL DEFAULT '',"
	"  answered TEXT NOT NULL DEFAULT '',"
	"  forwarded_at TEXT NOT NULL DEFAULT '',"
	"  receipt_printed INTEGER NOT NULL DEFAULT 0,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL"
	");"
	"CREATE INDEX application_by_received ON application (received, id);"
	"CREATE INDEX application_by_state ON application (state, received, id);"
	"CREATE TABLE app_event ("
	"  id INTEGER PRIMARY KEY,"
	"  app_id INTEGER NOT NULL REFERENCES application (id),"
	"  at TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  event TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX app_event_by_app ON app_event (app_id, id);"
	"CREATE TABLE guidance ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  register TEXT NOT NULL,"
	"  unit_id INTEGER REFERENCES unit (id),"
	"  unit_name TEXT NOT NULL,"
	"  name TEXT NOT NULL DEFAULT '',"
	"  description TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE TABLE print_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  what TEXT NOT NULL,"
	"  ref TEXT NOT NULL DEFAULT '',"
	"  copies INTEGER NOT NULL,"
	"  ok INTEGER NOT NULL,"
	"  job TEXT NOT NULL DEFAULT '',"
	"  error TEXT NOT NULL DEFAULT ''"
	");",

	/* 3: the suggestion register (意见建议) and its history */
	"CREATE TABLE suggestion ("
	"  id INTEGER PRIMARY KEY,"
	"  serial TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL DEFAULT '',"
	"  contact TEXT NOT NULL DEFAULT '',"
	"  unit_id INTEGER NOT NULL REFERENCES unit (id),"
	"  unit_name TEXT NOT NULL,"
	"  content TEXT NOT NULL,"
	"  channel TEXT NOT NULL,"
	"  received TEXT NOT NULL,"
	"  state TEXT NOT NULL,"
	"  forwarded_at TEXT NOT NULL DEFAULT '',"
	"  reply TEXT NOT NULL DEFAULT '',"
	"  replied TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL"
	");"
	"CREATE INDEX suggestion_by_received ON suggestion (received, id);"
	"CREATE TABLE sug_event ("
	"  id INTEGER PRIMARY KEY,"
	"  sug_id INTEGER NOT NULL REFERENCES suggestion (id),"
	"  at TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  event TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");",

	/* 4: the policy knowledge base (政策咨询问答库): entries, aliases, history, the search index */
	"CREATE TABLE kb_entry ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  category TEXT NOT NULL DEFAULT '',"
	"  question TEXT NOT NULL,"
	"  answer TEXT NOT NULL,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  valid_from TEXT NOT NULL DEFAULT '',"
	"  valid_until TEXT NOT NULL DEFAULT '',"
	"  reviewed TEXT NOT NULL DEFAULT '',"
	"  status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),"
	"  consultation_id INTEGER,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL"
	");"
	"CREATE TABLE kb_alias ("
	"  id INTEGER PRIMARY KEY,"
	"  entry_id INTEGER NOT NULL REFERENCES kb_entry (id),"
	"  alias TEXT NOT NULL,"
	"  norm TEXT NOT NULL,"
	"  origin TEXT NOT NULL CHECK (origin IN ('clerk', 'learned')),"
	"  at TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  UNIQUE (entry_id, norm)"
	");"
	"CREATE TABLE kb_event ("
	"  id INTEGER PRIMARY KEY,"
	"  entry_id INTEGER NOT NULL REFERENCES kb_entry (id),"
	"  at TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  event TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX kb_event_by_entry ON kb_event (entry_id, id);"
	/* Chinese text through the program's own tokenizer (zhtext.c): characters and their pairs. */
	"CREATE VIRTUAL TABLE kb_fts USING fts5 (question, aliases, answer, tokenize = 'zwgk');"
	"CREATE VIRTUAL TABLE kb_vocab USING fts5vocab (kb_fts, 'row');",

	/* 5: the consultation register (政策咨询登记、交办、回复台账) and its history */
	"CREATE TABLE consultation ("
	"  id INTEGER PRIMARY KEY,"
	"  serial TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL DEFAULT '',"
	"  contact TEXT NOT NULL DEFAULT '',"
	"  question TEXT NOT NULL,"
	"  channel TEXT NOT NULL,"
	"  received TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('logged', 'answered', 'dispatched', 'replied', 'redirected')),"
	"  entry_id INTEGER REFERENCES kb_entry (id),"
	"  entry_code TEXT NOT NULL DEFAULT '',"
	"  unit_id INTEGER REFERENCES unit (id),"
	"  unit_name TEXT NOT NULL DEFAULT '',"
	"  dispatch_method TEXT NOT NULL DEFAULT '',"
	"  dispatched TEXT NOT NULL DEFAULT '',"
	"  due TEXT NOT NULL DEFAULT '',"
	"  reply TEXT NOT NULL DEFAULT '',"
	"  replied TEXT NOT NULL DEFAULT '',"
	"  followup TEXT NOT NULL DEFAULT '' CHECK (followup IN ('', 'satisfied', 'unsatisfied')),"
	"  followup_day TEXT NOT NULL DEFAULT '',"
	"  followup_note TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL"
	");"
	"CREATE INDEX consultation_by_received ON consultation (received, id);"
	"CREATE INDEX consultation_by_due ON consultation (state, due);"
	"CREATE TABLE ask_event ("
	"  id INTEGER PRIMARY KEY,"
	"  ask_id INTEGER NOT NULL REFERENCES consultation (id),"
	"  at TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  event TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX ask_event_by_ask ON ask_event (ask_id, id);",

	/*
	 * 6: what search reads instead of preparing texts anew: each entry's prepared terms (kbsearch.c),
	 * and in how many entries each term stands. Derived from kb_fts; filled at the next start.
	 */
	"CREATE TABLE kb_bag (entry_id INTEGER PRIMARY KEY, question TEXT NOT NULL, aliases TEXT NOT NULL,"
	"  answer TEXT NOT NULL);"
	"CREATE TABLE kb_df (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;"
	/* A term no entry holds any more goes at once (not by scanning the table after each edit). */
	"CREATE TRIGGER kb_df_gone AFTER UPDATE OF n ON kb_df WHEN NEW.n <= 0"
	"  BEGIN DELETE FROM kb_df WHERE term = NEW.term; END;",

	/*
	 * 7: the mirror of the county portal's 政府信息公开目录 (自助查询区): the documents listed and
	 * fetched, the list pages' conditional-request state, the syncs, the search index; and the
	 * paid prints (收费) of the desk.
	 */
	"CREATE TABLE portal_doc ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  published TEXT NOT NULL DEFAULT '',"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  number TEXT NOT NULL DEFAULT '',"
	"  index_no TEXT NOT NULL DEFAULT '',"
	"  written TEXT NOT NULL DEFAULT '',"
	"  meta TEXT NOT NULL DEFAULT '',"
	"  text TEXT NOT NULL DEFAULT '',"
	"  etag TEXT NOT NULL DEFAULT '',"
	"  last_modified TEXT NOT NULL DEFAULT '',"
	"  listed_at TEXT NOT NULL,"
	"  fetched_at TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL CHECK (state IN ('listed', 'fetched', 'failed')),"
	"  error TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX portal_doc_by_date ON portal_doc (published, id);"
	"CREATE TABLE portal_page ("
	"  url TEXT PRIMARY KEY,"
	"  etag TEXT NOT NULL DEFAULT '',"
	"  last_modified TEXT NOT NULL DEFAULT '',"
	"  fetched_at TEXT NOT NULL,"
	"  items INTEGER NOT NULL DEFAULT 0"
	") WITHOUT ROWID;"
	"CREATE TABLE portal_sync ("
	"  id INTEGER PRIMARY KEY,"
	"  started_at TEXT NOT NULL,"
	"  finished_at TEXT NOT NULL DEFAULT '',"
	"  operator TEXT NOT NULL,"
	"  pages INTEGER NOT NULL DEFAULT 0,"
	"  docs INTEGER NOT NULL DEFAULT 0,"
	"  bytes INTEGER NOT NULL DEFAULT 0,"
	"  errors INTEGER NOT NULL DEFAULT 0,"
	"  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'stopped', 'failed')),"
	"  note TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE VIRTUAL TABLE portal_fts USING fts5 (title, ident, text, tokenize = 'zwgk');"
	"CREATE TABLE fee_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  what TEXT NOT NULL,"
	"  ref TEXT NOT NULL DEFAULT '',"
	"  pages INTEGER NOT NULL,"
	"  amount_fen INTEGER NOT NULL,"
	"  document TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX fee_log_by_day ON fee_log (day, id);",

	/*
	 * 8: the reading room's shelf catalogue (资料阅览区): what lies where, which issue or edition,
	 * since when; and its history. kind is the index in shelf_kinds (choice.c); 7 = 办事指南, the
	 * only material that may be taken away.
	 */
	"CREATE TABLE shelf_item ("
	"  id INTEGER PRIMARY KEY,"
	"  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 60),"
	"  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 7),"
	"  edition TEXT NOT NULL CHECK (length(edition) BETWEEN 1 AND 30),"
	"  position TEXT NOT NULL CHECK (length(position) BETWEEN 1 AND 20),"
	"  copies INTEGER NOT NULL CHECK (copies BETWEEN 1 AND 999),"
	"  placed TEXT NOT NULL,"
	"  take_away INTEGER NOT NULL DEFAULT 0 CHECK (take_away = 0 OR (take_away = 1 AND kind = 7)),"
	"  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL"
	");"
	"CREATE INDEX shelf_item_by_place ON shelf_item (retired, kind, position, title, id);"
	"CREATE TABLE shelf_event ("
	"  id INTEGER PRIMARY KEY,"
	"  item_id INTEGER NOT NULL REFERENCES shelf_item (id),"
	"  at TEXT NOT NULL,"
	"  day TEXT NOT NULL,"
	"  operator TEXT NOT NULL,"
	"  event TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX shelf_event_by_item ON shelf_event (item_id, id);",

	/*
	 * 9: the audit trail. The table refuses to be changed; the triggers that fill it are made by
	 * audit.c from its list of watched tables and columns (audit_triggers_sql), run with this step.
	 */
	audit_migration,

	/*
	 * 10: the logs' ledgers read a range of days by an index on (day, id), as the registers'
	 * do, not the whole log from its first row: the print log gets the day of its time.
	 */
	"ALTER TABLE print_log ADD COLUMN day TEXT NOT NULL DEFAULT '';"
	"UPDATE print_log SET day = substr(at, 1, 10);"
	"CREATE INDEX print_log_by_day ON print_log (day, id);"
	"CREATE INDEX guidance_by_day ON guidance (day, id);",

	/*
	 * 11: online and offline agree (信息同源). Which list page lists which document, so that a
	 * complete walk of the list pages finds the documents the portal no longer lists: those are
	 * kept, marked withdrawn (the day it was noticed), and left out of search. When each fetched
	 * document was last confirmed, so that it is asked again (conditionally) after [portal]
	 * recheck_days. The listings were not kept before: every list page is read whole once more.
	 */
	"ALTER TABLE portal_doc ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE portal_doc ADD COLUMN checked_at TEXT NOT NULL DEFAULT '';"
	"UPDATE portal_doc SET checked_at = fetched_at;"
	"CREATE INDEX portal_doc_by_check ON portal_doc (state, checked_at, id);"
	"CREATE TABLE portal_listing ("
	"  page TEXT NOT NULL,"
	"  doc_id INTEGER NOT NULL REFERENCES portal_doc (id),"
	"  PRIMARY KEY (page, doc_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX portal_listing_by_doc ON portal_listing (doc_id);"
	"DELETE FROM portal_page;",
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int db_schema_latest(void)
{
	return NMIGRATIONS;
}

void db_error(sqlite3 *db, struct zerr *err)
{
	int code = sqlite3_errcode(db) & 0xff;

	switch (code) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		zerr_set(err, _("the database is busy in another zwgk window; try again in a moment"));
		break;
	case SQLITE_FULL:
		zerr_set(err, _("the disk is full; nothing was saved"));
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		zerr_set(err, _("cannot write the database (%s); check the folder's permissions"), sqlite3_errmsg(db));
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		zerr_set(err, _("the database file is damaged or not a zwgk database (%s)"), sqlite3_errmsg(db));
		break;
	default:
		zerr_set(err, _("database error: %s"), sqlite3_errmsg(db));
	}
}

int db_exec(sqlite3 *db, const char *sql, struct zerr *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_error(db, err);
		return -1;
	}
	return 0;
}

int db_begin(sqlite3 *db, struct zerr *err)
{
	return db_exec(db, "BEGIN IMMEDIATE", err);
}

int db_commit(sqlite3 *db, struct zerr *err)
{
	if (db_exec(db, "COMMIT", err) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, struct zerr *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		db_error(db, err);
		return NULL;
	}
	return st;
}

int db_done(sqlite3 *db, sqlite3_stmt *st, struct zerr *err)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(db, err);
		return -1;
	}
	return 0;
}

const char *db_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return t ? (const char *)t : "";
}

void db_now(char buf[20])
{
	const char *fixed = getenv("ZWGK_NOW");
	time_t now = time(NULL);
	struct tm tm;

	/* Tests and demos fix the clock with ZWGK_NOW="YYYY-MM-DD HH:MM:SS". */
	if (fixed && strlen(fixed) == 19) {
		memcpy(buf, fixed, 20);
		return;
	}
	localtime_r(&now, &tm);
	strftime(buf, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

int db_event_add(sqlite3 *db, const char *insert_sql, long long id, zdate day, const char *op,
		 const char *event, const char *detail, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, insert_sql, err);
	char now[20], dbuf[DATE_BUFSZ];

	if (!st)
		return -1;
	db_now(now);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, date_format(day, dbuf), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, op, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, event, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 6, detail ? detail : "", -1, SQLITE_TRANSIENT);
	return db_done(db, st, err);
}

int db_history(sqlite3 *db, const char *select_sql, long long id,
	       void (*fn)(void *ctx, const char *at, const char *day, const char *op, const char *event,
			  const char *detail),
	       void *ctx, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, select_sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(ctx, db_text(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3), db_text(st, 4));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_error(db, err);
		return -1;
	}
	return 0;
}

int db_user_version(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * Reads the schema version straight from the file header (offset 60), so a database that is
 * newer than this program, or not a database at all, is refused without writing anything.
 */
static int peek_version(const char *path, int flags, struct zerr *err)
{
	unsigned char hdr[100];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		zerr_set(err, _("cannot open the database %s: %s"), path, strerror(errno));
		return -1;
	}
	n = read(fd, hdr, sizeof hdr);
	close(fd);
	if (n == 0) {
		/* Only a file we have just created may be empty; otherwise a copy or restore failed. */
		if (flags & DB_CREATE)
			return 0;
		zerr_set(err, _("the database %s is empty (0 bytes): a copy or restore went wrong; restore it from the backups folder. Nothing was changed"),
			 path);
		return -1;
	}
	if (n < (ssize_t)sizeof hdr || memcmp(hdr, "SQLite format 3", 16) != 0) {
		zerr_set(err, _("%s is not a zwgk database (not an SQLite file); nothing was changed"), path);
		return -1;
	}
	return (int)((unsigned)hdr[60] << 24 | (unsigned)hdr[61] << 16 | (unsigned)hdr[62] << 8 | hdr[63]);
}

static int refuse_newer(const char *path, int v, struct zerr *err)
{
	if (v <= NMIGRATIONS)
		return 0;
	zerr_set(err, _("%s: the database is from a newer zwgk (schema version %d; this program knows up to %d); install a newer zwgk. Nothing was changed"),
		 path, v, NMIGRATIONS);
	return -1;
}

static int migrate(sqlite3 *db, const char *path, struct zerr *err)
{
	int v;

	if (db_begin(db, err) != 0)
		return -1;
	v = db_user_version(db);
	if (v < 0) {
		db_error(db, err);
		db_rollback(db);
		return -1;
	}
	if (refuse_newer(path, v, err) != 0) {
		db_rollback(db);
		return -1;
	}
	for (; v < NMIGRATIONS; v++) {
		char pragma[64];

		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		char *extra = migrations[v] == audit_migration ? audit_triggers_sql() : NULL;
		int failed = db_exec(db, migrations[v], err) != 0 || (extra && db_exec(db, extra, err) != 0) ||
			     db_exec(db, pragma, err) != 0;

		free(extra);
		if (failed) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			zerr_set(err, _("%s: upgrading the database to version %d failed: %s"), path, v + 1, msg);
			db_rollback(db);
			return -1;
		}
	}
	return db_commit(db, err);
}

/* Creates an empty file with mode 0600 so SQLite never creates it with the umask's mode. */
static int create_private(const char *path, struct zerr *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		zerr_set(err, _("cannot create the database %s: %s"), path, strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}

int db_open(sqlite3 **out, const char *path, int flags, struct zerr *err)
{
	sqlite3 *db = NULL;
	int memory = strcmp(path, ":memory:") == 0;

	*out = NULL;
	if (!memory && access(path, F_OK) == 0) {
		int v = peek_version(path, flags, err);

		if (v < 0 || refuse_newer(path, v, err) != 0)
			return -1;
	} else if (!memory) {
		if (!(flags & DB_CREATE)) {
			zerr_set(err, _("the database %s does not exist; create a site with: zwgk init DIR"), path);
			return -1;
		}
		if (create_private(path, err) != 0)
			return -1;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		zerr_set(err, _("cannot open the database %s: %s"), path, db ? sqlite3_errmsg(db) : "?");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 5000);
	/* Before anything reads the schema: the knowledge base's index needs the tokenizer. */
	if (zh_fts5_register(db, err) != 0) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db, 0);
	if ((!memory && db_exec(db, "PRAGMA journal_mode = WAL", err) != 0) ||
	    db_exec(db, "PRAGMA synchronous = FULL", err) != 0 || db_exec(db, "PRAGMA foreign_keys = ON", err) != 0 ||
	    db_exec(db, "PRAGMA cache_size = -" DB_CACHE_KIB_TEXT, err) != 0) {
		char msg[sizeof err->msg];

		snprintf(msg, sizeof msg, "%s", err->msg);
		zerr_set(err, "%s: %s", path, msg);
		sqlite3_close(db);
		return -1;
	}
	if (migrate(db, path, err) != 0) {
		sqlite3_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_close(sqlite3 *db)
{
	sqlite3_close(db);
}

int db_integrity(sqlite3 *db, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA integrity_check(5)", err);
	struct sbuf b = { 0 };
	int ok = 0, rc;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = db_text(st, 0);

		if (strcmp(line, "ok") == 0)
			ok = 1;
		else {
			if (b.len)
				sbuf_add(&b, "; ");
			sbuf_add(&b, line);
		}
	}
	if (rc != SQLITE_DONE) {
		db_error(db, err);
		ok = 0;
	} else if (!ok) {
		zerr_set(err, "%s", b.s ? b.s : "?");
	}
	sqlite3_finalize(st);
	sbuf_free(&b);
	return ok ? 0 : -1;
}

int db_report_begin(sqlite3 *db)
{
	sqlite3_stmt *st = NULL;
	int saved = 0;
	char sql[48];

	/* PRAGMA cache_size: a number of pages, or (negative) of KiB. */
	if (sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		saved = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -REPORT_CACHE_KIB);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
	return saved;
}

void db_report_end(sqlite3 *db, int saved)
{
	char sql[48];

	if (!saved)
		return;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", saved);
	sqlite3_exec(db, sql, NULL, NULL, NULL);
}

int db_page_rows(sqlite3 *db, sqlite3_stmt *st, int limit, int backwards, size_t size,
		 void (*read)(sqlite3_stmt *st, void *row), void (*free_rows)(void *rows, int n), void **rows, int *n,
		 struct zerr *err)
{
	char *out = xcalloc((size_t)(limit > 0 ? limit : 1), size);
	int rc = SQLITE_DONE;

	*n = 0;
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
		read(st, out + size * (size_t)(*n)++);
	if (*n < limit && rc != SQLITE_DONE) {
		db_error(db, err);
		sqlite3_finalize(st);
		free_rows(out, *n);
		*n = 0;
		*rows = NULL;
		return -1;
	}
	sqlite3_finalize(st);
	if (backwards)
		rows_reverse(out, *n, size);
	*rows = out;
	return 0;
}

int db_meta_is(sqlite3 *db, const char *key, const char *value)
{
	sqlite3_stmt *st = NULL;
	int same = 0;

	if (sqlite3_prepare_v2(db, "SELECT value = ?2 FROM meta WHERE key = ?1", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
		same = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return same;
}

int db_meta_set(sqlite3 *db, const char *key, const char *value, struct zerr *err)
{
	sqlite3_stmt *st = db_prepare(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", err);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	return db_done(db, st, err);
}

int db_data_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int db_changed_since(sqlite3 *db, struct db_mark *m)
{
	int version = db_data_version(db);
	long long changes = (long long)sqlite3_total_changes64(db);

	if (m->set && version == m->version && changes == m->changes && version != -1)
		return 0;
	m->version = version;
	m->changes = changes;
	m->set = 1;
	return 1;
}
