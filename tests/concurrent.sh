#!/usr/bin/env bash
# concurrent.sh - two instances on one database: the clerk's and a supporter's, registering and
# forwarding at the same time. Nothing is lost, no serial is given twice, nobody is told "database
# is locked" (a busy database is waited for), and the same record changed in two places at once
# ends with one change stored and the other refused in words, never overwritten.

. "$(dirname "$0")/lib.sh"
unset LANGUAGE
EXP=$SRC/tests/concurrent-out
"$ZWGK" init --demo site >/dev/null || exit 1
Z() { "$ZWGK" -c site/zwgk.ini "$@"; }
q() { sqlite3 site/zwgk.db "$1"; }
N=${CONCURRENT_N:-40}

person() {
	cat <<IN
applicant_kind=person
name=$1
id_type=居民身份证
id_number=11010519491231002X
phone=13812345678
target_unit=巫山县高唐街道办事处
description=$2
form=纸质
delivery=自行领取
IN
}
person 张三 "2025年高唐街道老旧小区改造项目的资金使用情况" >a.txt
person 李四 "高唐街道2026年临时救助发放名单" >b.txt
cat >s.txt <<'IN'
name=王五
target_unit=巫山县高唐街道办事处
content=建议在政务公开专区增加老年人座椅
IN

# Two registering, one suggesting, one forwarding whatever is waiting, all at once.
register() { for i in $(seq 1 "$N"); do Z app add --from "$1" >>"$2.out" 2>>"$2.err"; done; }
suggest() { for i in $(seq 1 "$N"); do Z sug add --from s.txt >>sug.out 2>>sug.err; done; }
forward() {
	local end=$((SECONDS + 120)) s
	while [ $SECONDS -lt $end ]; do
		for s in $(Z app list --state received --format tsv 2>>fwd.err | cut -f1 | grep '^WSGT-'); do
			Z app forward "$s" --method in_person --to 刘洋 >>fwd.out 2>>fwd.err
		done
		[ -e done ] && [ -z "$(Z app list --state received --format tsv 2>/dev/null | grep '^WSGT-')" ] && break
	done
}
forward &
fpid=$!
register a.txt a &
apid=$!
register b.txt b &
bpid=$!
suggest &
spid=$!
wait $apid $bpid $spid
touch done
wait $fpid

total=$(q 'SELECT count(*) FROM application')
check "concurrent: all $((2 * N)) registrations stored" test "$total" = $((2 * N))
check "concurrent: each printed its own serial, none twice" \
	test "$(cat a.out b.out | grep -c '^WSGT-2026-')" = $((2 * N)) -a "$(cat a.out b.out | sort -u | grep -c '^WSGT-2026-')" = $((2 * N))
check "concurrent: serials 1..$((2 * N)) without a gap" \
	test "$(q "SELECT max(CAST(substr(serial, 11) AS INTEGER)) FROM application")" = $((2 * N))
check "concurrent: every suggestion stored with its own serial" \
	test "$(q 'SELECT count(DISTINCT serial) FROM suggestion')" = "$N"
check "concurrent: every application forwarded, each exactly once" \
	test "$(q "SELECT count(*) FROM application WHERE state = 'forwarded'")" = "$total" -a \
	"$(q "SELECT count(*) FROM app_event WHERE event = 'forwarded'")" = "$total"
check "concurrent: no one was told the database is locked or busy" \
	sh -c "! cat a.err b.err sug.err fwd.err | grep -qi -e locked -e busy -e 锁定 -e 繁忙"
check "concurrent: integrity_check ok" test "$(q 'PRAGMA integrity_check')" = ok
# The forwarder may find one already forwarded by itself a moment before: then it is refused in
# words (its state), never stored twice.
check "concurrent: what the forwarder was refused, it was refused for the state" \
	sh -c "! grep -v -e '当前为“已转交”状态' fwd.err | grep -q ."

# The same application forwarded from two places at the same moment, ten times over: one
# forwarding is stored, the other refused in words (the state it found, or the record changed
# meanwhile), never both.
bad=
for i in $(seq 1 10); do
	s=$(Z app add --from b.txt)
	Z app forward "$s" --method post --to 甲 >f1.out 2>f1.err &
	p1=$!
	Z app forward "$s" --method email --to 乙 >f2.out 2>f2.err &
	p2=$!
	wait $p1
	r1=$?
	wait $p2
	r2=$?
	[ $((r1 + r2)) = 1 ] || bad="$bad $s:$r1/$r2"
	[ "$(q "SELECT count(*) FROM app_event e JOIN application a ON a.id = e.app_id WHERE a.serial = '$s' AND e.event = 'forwarded'")" = 1 ] ||
		bad="$bad $s:events"
	grep -q -e '当前为“已转交”状态' -e '已在另一个窗口中被修改' f1.err f2.err || bad="$bad $s:message($(cat f1.err f2.err))"
done
check "same record twice at once: one forwarding stored, the other refused in words${bad:+ ($bad)}" test -z "$bad"

# The database held by another writer longer than the busy timeout: a clear message, nothing
# half-written, exit 1; and it goes through once the other lets go.
(
	printf 'BEGIN IMMEDIATE;\n'
	sleep 7
	printf 'COMMIT;\n'
) | sqlite3 site/zwgk.db &
holder=$!
sleep 0.5
before=$(q 'SELECT count(*) FROM application')
run locked-out Z app add --from a.txt
check "held database: nothing stored while it was held" test "$(q 'SELECT count(*) FROM application')" = "$before"
wait $holder
check "held database: stored once it is free" sh -c "'$ZWGK' -c site/zwgk.ini app add --from a.txt | grep -q '^WSGT-2026-'"

summary
