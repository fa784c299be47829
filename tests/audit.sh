#!/usr/bin/env bash
# audit.sh - the audit trail: every addition and change recorded with time, operator and what
# changed (personal data as ***), one record's trail on request, and the trail itself beyond
# changing or removing, even with the sqlite3 shell.

. "$(dirname "$0")/lib.sh"
EXP=$SRC/tests/audit-out
unset LANGUAGE
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
Z app add --from person.txt >/dev/null
ZWGK_OPERATOR=李娜 ZWGK_NOW="2026-03-09 11:30:00" Z app forward WSGT-2026-00001 --method in_person --to 刘洋 >/dev/null
ZWGK_OPERATOR=李娜 ZWGK_NOW="2026-03-20 09:00:00" ZWGK_TODAY=2026-03-20 Z app answer WSGT-2026-00001 --outcome 1 >/dev/null
run record Z audit --record WSGT-2026-00001
check "audit: the register's own history and the trail agree on who forwarded" \
	sh -c "'$ZWGK' -c site/zwgk.ini audit --record WSGT-2026-00001 | grep -q '^2026-03-09 11:30:00  李娜  .* WSGT-2026-00001  '"
check "audit: no ID number, phone or address in the trail" \
	sh -c "! '$ZWGK' -c site/zwgk.ini audit | grep -q -e 11010519491231002X -e 13812345678 -e 平湖东路"
check "audit: the demo site's units and shelf were recorded as they were added" \
	test "$(q "SELECT count(*) FROM audit WHERE tbl = 'unit' AND action = 'insert'")" = "$(q 'SELECT count(*) FROM unit')" -a \
	"$(q "SELECT count(*) FROM audit WHERE tbl = 'shelf_item' AND action = 'insert'")" = "$(q 'SELECT count(*) FROM shelf_item')"
Z shelf replace 3 --edition 2026年第5号 --placed 2026-03-09 >/dev/null
check "audit: a shelf item's new edition is in the trail" \
	sh -c "'$ZWGK' -c site/zwgk.ini audit --record 3 | grep -q 'edition: .* -> 2026年第5号'"

# Nobody alters the trail, not even with the sqlite3 shell on the file.
before=$(q 'SELECT count(*) || max(id) FROM audit')
check "audit: an UPDATE of the trail is refused" sh -c "! sqlite3 site/zwgk.db \"UPDATE audit SET operator = 'x'\" 2>/dev/null"
check "audit: a DELETE from the trail is refused" sh -c "! sqlite3 site/zwgk.db 'DELETE FROM audit' 2>/dev/null"
check "audit: the trail is as it was" test "$(q 'SELECT count(*) || max(id) FROM audit')" = "$before"
check "audit: nothing changed but the operator's own lines" \
	test "$(q "SELECT count(*) FROM audit WHERE operator = 'x'")" = 0

run unknown Z audit --record WSGT-2026-09999
run usage Z audit --recrod WSGT-2026-00001
summary
