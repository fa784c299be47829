#!/usr/bin/env bash
# crash.sh - power cuts, played out: registrations through the CLI killed with SIGKILL at random
# moments (seeded; the seed is printed, CRASH_SEED=N replays a run, CRASH_KILLS=N sets how
# many), then the database is checked: integrity_check ok; every registration whose serial was
# printed is there and whole; serials with no gap and no duplicate; no half-written record. The
# same for the knowledge-base import (all of a file or none of it) and the portal sync.

. "$(dirname "$0")/lib.sh"
unset LANGUAGE
SEED=${CRASH_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
KILLS=${CRASH_KILLS:-200}
RANDOM=$SEED
echo "# seed $SEED ($KILLS kills; CRASH_SEED=$SEED replays this run)"

"$ZWGK" init --demo site >/dev/null || exit 1
Z() { "$ZWGK" -c site/zwgk.ini "$@"; }
q() { sqlite3 site/zwgk.db "$1"; }

cat >person.txt <<'IN'
applicant_kind=person
name=张三
id_type=居民身份证
id_number=11010519491231002X
phone=13812345678
address=巫山县高唐街道平湖东路 8 号
target_unit=巫山县高唐街道办事处
description=2025年高唐街道老旧小区改造项目的资金使用情况
form=纸质
delivery=自行领取
IN

# How long one registration takes here (the check build is slow): kills land across all of it.
start=$(date +%s%N)
Z app add --from person.txt >printed.1 2>/dev/null
span=$((($(date +%s%N) - start) / 1000000))
[ "$span" -lt 20 ] && span=20
echo "# one registration takes $span ms"

# kill_at MS CMD...: runs CMD in the background and kills it with SIGKILL after MS milliseconds
# (when it is still running); its standard output stays in the file named by $OUT.
kill_at() {
	local ms=$1 pid
	shift
	"$@" >"$OUT" 2>/dev/null &
	pid=$!
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
}

killed=0
for i in $(seq 2 $((KILLS + 1))); do
	OUT=printed.$i kill_at $((RANDOM % (span + span / 4))) "$ZWGK" -c site/zwgk.ini app add --from person.txt
	[ -s printed.$i ] || killed=$((killed + 1))
done
printed=$(cat printed.* | grep -c '^WSGT-2026-')
echo "# $killed of $KILLS registrations killed before they printed their serial; $printed printed"

check "registrations: integrity_check is ok after $KILLS kills" test "$(q 'PRAGMA integrity_check')" = ok
missing=$(cat printed.* | grep '^WSGT-2026-' | while read -r s; do
	[ "$(q "SELECT count(*) FROM application WHERE serial = '$s'")" = 1 ] || echo "$s"
done)
check "registrations: every serial that was printed is in the register${missing:+ (missing: $missing)}" test -z "$missing"
check "registrations: serials have no duplicate" \
	test "$(q 'SELECT count(*) FROM application')" = "$(q 'SELECT count(DISTINCT serial) FROM application')"
n=$(q 'SELECT count(*) FROM application')
check "registrations: serials run 1..$n with no gap" \
	test "$(q "SELECT count(*) FROM application WHERE CAST(substr(serial, 11) AS INTEGER) BETWEEN 1 AND $n")" = "$n"
check "registrations: the serial counter stands at the last serial" \
	test "$(q "SELECT last FROM serial_counter WHERE reg = 'app'")" = "$n"
check "registrations: no half-written record (every one whole, with its first history event)" \
	test "$(q "SELECT count(*) FROM application a WHERE a.name = '张三' AND a.description <> '' AND a.deadline <> ''
		AND EXISTS (SELECT 1 FROM app_event e WHERE e.app_id = a.id)")" = "$n"
check "registrations: no history event without its record" \
	test "$(q 'SELECT count(*) FROM app_event WHERE app_id NOT IN (SELECT id FROM application)')" = 0
check "registrations: the program still works on the database" sh -c "'$ZWGK' -c site/zwgk.ini app add --from person.txt | grep -qx 'WSGT-2026-$(printf %05d $((n + 1)))'"

# The knowledge base imported whole or not at all: a kill leaves either every entry or none new.
kb=$SRC/tests/kb/policy-qa.tsv
entries=$(($(wc -l <"$kb") - 1))
start=$(date +%s%N)
"$ZWGK" init --demo kbsite >/dev/null
"$ZWGK" -c kbsite/zwgk.ini kb import "$kb" >/dev/null 2>&1
kspan=$((($(date +%s%N) - start) / 1000000))
bad=
cut=0
for i in $(seq 1 20); do
	rm -rf kbsite
	"$ZWGK" init --demo kbsite >/dev/null
	OUT=kb.$i kill_at $((RANDOM % (kspan + kspan / 4))) "$ZWGK" -c kbsite/zwgk.ini kb import "$kb"
	got=$(sqlite3 kbsite/zwgk.db 'SELECT count(*) FROM kb_entry')
	[ "$(sqlite3 kbsite/zwgk.db 'PRAGMA integrity_check')" = ok ] || bad="$bad $i:integrity"
	[ "$got" = 0 ] || [ "$got" = "$entries" ] || bad="$bad $i:$got"
	[ "$got" = 0 ] && cut=$((cut + 1))
	[ "$got" = 0 ] || [ "$(sqlite3 kbsite/zwgk.db 'SELECT count(*) FROM kb_fts_docsize')" = "$got" ] || bad="$bad $i:index"
done
echo "# kb import: $cut of 20 imports killed before they committed (one import takes $kspan ms)"
check "kb import: 20 kills, each leaving all $entries entries (indexed) or none${bad:+ (bad:$bad)}" test -z "$bad"
check "kb import: the kills did cut imports short ($cut of 20)" test "$cut" -gt 0
"$ZWGK" -c kbsite/zwgk.ini kb import "$kb" >/dev/null 2>&1
check "kb import: after the kills a whole import goes through" \
	test "$(sqlite3 kbsite/zwgk.db 'SELECT count(*) FROM kb_entry')" = "$entries"

# The portal sync killed again and again: each run goes on from where the last one died.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
"$SRC/build/check/http-fixture" "$SRC/tests/portal" http.log >http.port &
FIXPID=$!
trap 'kill $FIXPID 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
for i in $(seq 1 50); do [ -s http.port ] && break; sleep 0.1; done
"$ZWGK" init --demo portal >/dev/null
{ cat portal/zwgk.ini; sed "s/PORT/$(cat http.port)/g; s/^delay_ms = .*/delay_ms = 50/" "$SRC/tests/portal/fixture.ini.part"; } >portal/p.ini
bad=
for i in $(seq 1 20); do
	OUT=sync.$i kill_at $((RANDOM % 900)) "$ZWGK" -c portal/p.ini portal sync
	p() { sqlite3 portal/zwgk.db "$1"; }
	[ "$(p 'PRAGMA integrity_check')" = ok ] || bad="$bad $i:integrity"
	[ "$(p "SELECT count(*) FROM portal_doc WHERE state = 'fetched' AND text = ''")" = 0 ] || bad="$bad $i:empty"
	[ "$(p "SELECT count(*) FROM portal_doc WHERE state = 'fetched'")" = "$(p 'SELECT count(*) FROM portal_fts_docsize')" ] ||
		bad="$bad $i:index"
done
check "portal sync: 20 kills, the mirror sound after each (no document without text or index)${bad:+ (bad:$bad)}" test -z "$bad"
"$ZWGK" -c portal/p.ini portal sync >/dev/null 2>&1
check "portal sync: after the kills a sync finishes the mirror" \
	test "$(sqlite3 portal/zwgk.db "SELECT count(*) FROM portal_doc WHERE state = 'fetched'")" = 26
kill $FIXPID 2>/dev/null

summary
