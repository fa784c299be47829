#!/usr/bin/env bash
# backup.sh - batch tests of zwgk backup and restore: copies made while other processes read and
# write the database, their integrity and contents, rotation among other files, restores done
# and refused, [backup] settings, the age `check` reports, and files that others can open.

. "$(dirname "$0")/lib.sh"
EXP=$SRC/tests/backup-out
# Sizes depend on SQLite's page use, not on what is tested here.
RUN_SED='s/[0-9]* KiB/N KiB/g'

"$ZWGK" init --demo site >/dev/null || exit 1
Z() { "$ZWGK" -c site/zwgk.ini "$@"; }
q() { sqlite3 -batch -cmd ".timeout 5000" "$@"; }
# The knowledge base makes the database several steps of the copy long.
Z kb import "$SRC/tests/kb/policy-qa.tsv" >/dev/null || exit 1

# An application registered from the CLI; $1 tells them apart.
add_app() {
	cat >"app$1.txt" <<IN
applicant_kind=person
name=申请人$1
id_type=居民身份证
id_number=11010519491231002X
phone=13812345678
address=巫山县高唐街道平湖东路 8 号
target_unit=巫山县高唐街道办事处
description=2025年高唐街道老旧小区改造项目的资金使用情况（第 $1 件）
form=纸质
delivery=自行领取
IN
	Z app add --from "app$1.txt" >/dev/null 2>&1
}
for i in 1 2 3; do add_app "$i"; done
# What the registers hold, to compare a copy or a restored database with.
contents() { q "$1" "SELECT serial, name, state FROM application ORDER BY id; SELECT count(*) FROM unit; SELECT count(*) FROM kb_entry; SELECT title, edition FROM shelf_item ORDER BY id"; }
B1=site/backups/zwgk-2026-03-09-1000.db

# --- a backup: named by the minute, checked, private, one file ---
run backup-first Z backup
check "backup: mode 0600 in a 0700 folder" test "$(stat -c %a site/backups "$B1" | tr '\n' ' ')" = "700 600 "
check "backup: a single file (rollback journal, no -wal beside it)" \
	sh -c "test \"\$(od -A n -t u1 -j 18 -N 2 $B1 | tr -s ' ')\" = ' 1 1' && test ! -e $B1-wal"
check "backup: integrity_check of the copy is ok" test "$(q "$B1" 'PRAGMA integrity_check')" = ok
contents site/zwgk.db >live.txt
contents "$B1" >copy.txt
check "backup: the copy holds what the database holds" cmp -s live.txt copy.txt
check "backup: nothing temporary left behind" test "$(ls -A site/backups | tr '\n' ' ')" = "zwgk-2026-03-09-1000.db "
run backup-same-minute Z backup
check "backup: the same minute again replaces it, nothing else" test "$(ls -A site/backups | wc -l)" = 1
# Whatever the shell's umask, what zwgk makes stays private.
(umask 022 && ZWGK_NOW="2026-03-09 10:01:00" Z backup >/dev/null && add_app umask && "$ZWGK" init umask022 >/dev/null)
check "backup: 0600 under umask 022; a new site's folders 0700" \
	test "$(stat -c %a site/backups/zwgk-2026-03-09-1001.db umask022/backups umask022/spool | tr '\n' ' ')" = "600 700 700 "

# hold SQL: another process (sqlite3) runs SQL and keeps its transaction open until `release`.
mkfifo hold.in
hold() {
	q site/zwgk.db <hold.in >hold.out 2>&1 &
	holder=$!
	exec 7>hold.in
	echo "$1" >&7
	sleep 0.3
}
release() {
	echo "COMMIT;" >&7
	exec 7>&-
	wait "$holder"
}

# --- while another process holds a read transaction open ---
hold "BEGIN; SELECT count(*) FROM application;"
check "backup: done while another process holds a read transaction" \
	sh -c "ZWGK_NOW='2026-03-09 10:02:00' '$ZWGK' -c site/zwgk.ini backup >/dev/null"
release
check "backup: the reader went on undisturbed" test "$(head -1 hold.out)" = 4

# --- while another holds a write transaction: the copy has what was committed, not the rest ---
hold "BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('uncommitted', 'x');"
check "backup: done while another process holds a write transaction" \
	sh -c "ZWGK_NOW='2026-03-09 10:03:00' '$ZWGK' -c site/zwgk.ini backup >/dev/null"
release
check "backup: the uncommitted row is not in the copy" \
	test "$(q site/backups/zwgk-2026-03-09-1003.db "SELECT count(*) FROM meta WHERE key = 'uncommitted'")" = 0
check "backup: and is in the database once committed" \
	test "$(q site/zwgk.db "SELECT count(*) FROM meta WHERE key = 'uncommitted'")" = 1

# --- while others write: registrations through zwgk and a stream of small transactions ---
before=$(q site/zwgk.db 'SELECT count(*) FROM application')
(for i in $(seq 1 8); do add_app "w$i"; done) &
writer=$!
(for i in $(seq 1 300); do echo "INSERT INTO meta (key, value) VALUES ('w$i', '$i');"; done | q site/zwgk.db) &
stream=$!
n=0
for m in 10 11 12 13 14 15; do
	ZWGK_NOW="2026-03-09 11:$m:00" Z backup >>concurrent.out 2>&1 && n=$((n + 1))
done
wait "$writer" "$stream"
after=$(q site/zwgk.db 'SELECT count(*) FROM application')
check "backup: six backups made while others wrote" test "$n" = 6
bad=
for m in 10 11 12 13 14 15; do
	f=site/backups/zwgk-2026-03-09-11$m.db
	k=$(q "$f" 'SELECT count(*) FROM application')
	# Whole registrations only: as many history entries as applications, serials without gaps.
	[ "$(q "$f" 'PRAGMA integrity_check')" = ok ] || bad="$bad $m:integrity"
	[ "$k" -ge "$before" ] && [ "$k" -le "$after" ] || bad="$bad $m:count=$k"
	[ "$(q "$f" "SELECT count(DISTINCT app_id) FROM app_event")" = "$k" ] || bad="$bad $m:events"
	[ "$(q "$f" "SELECT max(CAST(substr(serial, -5) AS INTEGER)) FROM application")" = "$k" ] || bad="$bad $m:serials"
done
check "backup: every copy made meanwhile is whole and consistent${bad:+ (bad:$bad)}" test -z "$bad"
grep -q 'began again' concurrent.out && echo "note: a copy began again because the database changed (SQLite's restart)"

# --- rotation: the newest [backup] keep of the dated files, nothing else touched ---
mkdir rot rot/zwgk-2026-01-01-0100.db
for d in $(seq -w 1 28); do : >"rot/zwgk-2026-02-$d-0200.db"; done
: >rot/notes.txt
: >rot/zwgk-before-upgrade.db
: >rot/zwgk-2026-02-30-0200.db
: >rot/zwgk-2026-02-27-0200.db.tmp.abc123
: >rot/zwgk-2026-02-26-2460.db
ln -s zwgk-2026-02-01-0200.db rot/zwgk-2026-02-02-0300.db
sed 's/^;keep = 14$/keep = 5/' site/zwgk.ini >site/keep5.ini
run rotate "$ZWGK" -c site/keep5.ini backup rot
run rotate-left ls -A rot
check "rotation: the site's own backups folder was not touched" test "$(ls site/backups | wc -l)" = 10
for d in 1 2 3 4 5; do : >"site/backups/zwgk-2026-03-0$d-0200.db"; done
run rotate-default env ZWGK_NOW="2026-03-09 12:00:00" "$ZWGK" -c site/zwgk.ini backup
check "rotation: by default the newest 14 are kept, the two oldest gone" \
	sh -c "test \"\$(ls site/backups | wc -l)\" = 14 && test ! -e site/backups/zwgk-2026-03-02-0200.db && test -e site/backups/zwgk-2026-03-03-0200.db"
run backup-not-a-folder Z backup site/zwgk.ini
run backup-usage Z backup a b
run backup-usage-option Z backup --keep 3

# --- [backup] settings are checked like every other ---
sed 's/^;keep = 14$/keep = 0/; s/^;max_age_days = 2$/max_age_days = two/' site/zwgk.ini >site/bad.ini
run config-bad-backup "$ZWGK" -c site/bad.ini check
run config-bad-backup-command "$ZWGK" -c site/bad.ini backup

# --- check reports the last backup's age ---
run check-backup-today Z check
run check-backup-old env ZWGK_TODAY=2026-03-12 "$ZWGK" -c site/zwgk.ini check
"$ZWGK" init nobackup >/dev/null
run check-no-backup "$ZWGK" -c nobackup/zwgk.ini check

# --- restore: a good backup brings the data back as it was, the old database kept aside ---
ZWGK_NOW="2026-03-09 13:00:00" Z backup >/dev/null
GOOD=site/backups/zwgk-2026-03-09-1300.db
contents site/zwgk.db >at-backup.txt
add_app later
q site/zwgk.db "DELETE FROM shelf_event; DELETE FROM shelf_item"
contents site/zwgk.db >changed.txt
run restore-without-yes Z restore "$GOOD"
contents site/zwgk.db >now.txt
check "restore: without --yes nothing changes" cmp -s changed.txt now.txt
run restore-good Z restore "$GOOD" --yes
contents site/zwgk.db >now.txt
check "restore: the data are back as they were at the backup" cmp -s at-backup.txt now.txt
A=site/zwgk.db.before-restore-2026-03-09-100000
contents "$A" >aside.txt
check "restore: the database as it was is kept aside, 0600, with the later changes" \
	sh -c "test \"\$(stat -c %a $A)\" = 600 && cmp -s changed.txt aside.txt"
check "restore: integrity and schema of the restored database" \
	sh -c "'$ZWGK' -c site/zwgk.ini check | grep -qx 'ok: integrity check'"
run restore-again Z restore "$GOOD" --yes
check "restore: a second restore in the same second keeps the first aside too" test -e "$A-2"

# --- refused: a damaged copy, a file that is no database, a newer schema, the database itself ---
cp "$GOOD" overwritten.db
dd if=/dev/zero of=overwritten.db bs=4096 seek=2 count=3 conv=notrunc 2>/dev/null
run restore-overwritten Z restore overwritten.db --yes
head -c 40000 "$GOOD" >truncated.db
run restore-truncated Z restore truncated.db --yes
printf 'serial,name\nWSGT-2026-00001,张三\n' >notes.csv
run restore-not-sqlite Z restore notes.csv --yes
q other.db 'CREATE TABLE t (x); INSERT INTO t VALUES (1)'
run restore-not-zwgk Z restore other.db --yes
cp "$GOOD" newer.db
q newer.db 'PRAGMA user_version = 99'
run restore-newer Z restore newer.db --yes
: >empty.db
run restore-empty-file Z restore empty.db --yes
run restore-itself Z restore site/zwgk.db --yes
run restore-missing Z restore nosuch.db --yes
run restore-usage Z restore
run restore-usage-option Z restore "$GOOD" --force
contents site/zwgk.db >now.txt
check "restore: nothing changed by any refused restore" cmp -s at-backup.txt now.txt
check "restore: no database kept aside by a refused one" test ! -e "$A-3"

# --- refused while another process is writing (it holds a write transaction) ---
hold "BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('writing', 'x');"
run restore-while-writing Z restore "$GOOD" --yes
release
check "restore: the writer's transaction was not disturbed" \
	test "$(q site/zwgk.db "SELECT count(*) FROM meta WHERE key = 'writing'")" = 1

# --- an older schema: restored, then brought up to date ---
cp "$GOOD" older.db
# As a site of schema 7 had it: no shelf (8), no audit trail nor its triggers (9), no day in the
# print log nor the logs' day indexes (10), no portal listings nor withdrawn and checked times (11).
q older.db "$(q older.db "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%'")
	DROP TABLE audit; DROP TABLE shelf_event; DROP TABLE shelf_item;
	DROP INDEX print_log_by_day; DROP INDEX guidance_by_day; ALTER TABLE print_log DROP COLUMN day;
	DROP TABLE portal_listing; DROP INDEX portal_doc_by_check;
	ALTER TABLE portal_doc DROP COLUMN withdrawn_at; ALTER TABLE portal_doc DROP COLUMN checked_at; PRAGMA user_version = 7"
run restore-older Z restore older.db --yes
check "restore: the older backup's schema is brought up to version 11" \
	test "$(q site/zwgk.db 'PRAGMA user_version; SELECT count(*) FROM shelf_item; SELECT count(*) > 2 FROM sqlite_master WHERE name LIKE '"'"'audit%'"'"'; SELECT count(*) FROM portal_listing; SELECT count(*) FROM portal_doc WHERE withdrawn_at <> '"''"'' | tr '\n' ' ')" = "11 0 1 0 0 "

# --- no usable database: an empty file (a failed copy) or none at all ---
: >site/zwgk.db
printf 'stale' >site/zwgk.db-wal
run restore-over-empty Z restore "$GOOD" --yes
contents site/zwgk.db >now.txt
check "restore: over an empty database, the data are back" cmp -s at-backup.txt now.txt
check "restore: the empty file and the stale -wal were kept aside, 0600" \
	sh -c "test \"\$(stat -c '%a %s' $A-4 $A-4-wal | tr '\n' ' ')\" = '600 0 600 5 '"
rm site/zwgk.db
run restore-no-database Z restore "$GOOD" --yes
contents site/zwgk.db >now.txt
check "restore: where there was no database, the data are back" cmp -s at-backup.txt now.txt

# --- files others can open: named at start with the chmod that fixes them, problems for check ---
chmod 644 site/zwgk.db
run perm-db-check Z check
run perm-db-command Z shelf stale
chmod 644 site/zwgk.ini site/backups/zwgk-2026-03-09-1000.db
chmod 755 site/backups site/spool
mkdir -m 755 site/exports && (umask 022 && echo x >site/exports/ledger.csv)
run perm-all-check Z check
# The advice works: run the chmods it gives, and all is private again.
Z check | grep -o 'chmod [0-7]* .*' | sh
run perm-fixed-check Z check

summary
