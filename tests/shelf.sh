#!/usr/bin/env bash
# shelf.sh - batch tests of the reading room's shelf catalogue (资料阅览区): every kind put on the
# shelf, the take-away rule, new editions and their history, what is out of date by kind as the
# days go by, [shelf] intervals from the INI, retiring, the listing formats, the catalogue
# through a fake lp that records what it got, and every kind of bad input.

. "$(dirname "$0")/lib.sh"
EXP=$SRC/tests/shelf-out
LP="$SRC/tests/fake-lp"
export FAKE_LP_DIR=$T/lp
# The catalogue speaks the site's language (zh_CN, as `zwgk init` writes it), as at the desk.
unset LANGUAGE

# A library: its 政务公开专区 has the reading room too (附件2). No demo items on this shelf.
"$ZWGK" init --name 巫山县图书馆 --code WSTSG --type library --county 巫山县 site >/dev/null || exit 1
sed -i "s|^;command = lp|command = $LP|; s|^;queue = |queue = desk|" site/zwgk.ini
Z() { "$ZWGK" -c site/zwgk.ini "$@"; }
rows() { sqlite3 site/zwgk.db "SELECT count(*) FROM shelf_item; SELECT count(*) FROM shelf_event" | tr '\n' ' '; }

run list-empty Z shelf list
run stale-empty Z shelf stale

# --- every kind, by its code or by the notice's own words; one of them from standard input ---
item() { printf '%s\n' "$@" >"$T/item.txt"; }
item title=巫山县惠民惠农政策汇编 kind=compilation edition=2026年版 position=A架1层 copies=3
run add-compilation Z shelf add --from item.txt
item title=巫山县人民政府工作报告 kind=政府工作报告 edition=2026年 position=A架2层 copies=2
run add-work-report Z shelf add --from item.txt
item '# 国务院公报: comes by post' title=中华人民共和国国务院公报 kind=国务院公报 edition=2026年第6号 position=A架3层
run add-state-gazette Z shelf add --from item.txt
item title=重庆市人民政府公报 kind=city_gazette edition=2026年第4期 position=A架3层 placed=2026-03-01
run add-city-gazette Z shelf add --from item.txt
item title=巫山县政务公开制度汇编 kind=政务公开制度汇编 edition=2025年版 position=B架1层 copies=2
run add-rules Z shelf add --from item.txt
item title=巫山县人民政府政府信息公开指南 kind=guide edition=2026年版 position=B架2层
add_stdin() { Z shelf add --from - <item.txt; }
run add-guide-stdin add_stdin
item title=巫山县基层政务公开标准目录（教育领域） kind=基层政务公开标准目录 edition=2025年版 position=B架3层
run add-standard-catalogue Z shelf add --from item.txt
# 办事指南 may be taken away, and are by default; one kept as a reference copy only.
item title=巫山县社会保障服务事项办事指南 kind=办事指南 edition=2026年第1版 position=C架1层 copies=50
run add-service-guide Z shelf add --from item.txt
item title=巫山县不动产登记办事指南 kind=service_guide edition=2026年版 position=C架2层 take_away=否
run add-service-guide-kept Z shelf add --from item.txt
check "add: nine items, each with its first history event" test "$(rows)" = "9 9 "

# --- the take-away rule: nothing but 办事指南 leaves the room ---
item title=巫山县乡村振兴政策汇编 kind=compilation edition=2026年版 position=A架1层 take_away=yes
run take-away-refused Z shelf add --from item.txt
item title=重庆市人民政府公报 kind=city_gazette edition=2026年第5期 position=A架3层 take_away=是
run take-away-refused-gazette Z shelf add --from item.txt
item title=巫山县办事指南汇编 kind=service_guide edition=2026年版 position=C架3层 take_away=maybe
run take-away-not-yes-no Z shelf add --from item.txt
check "take-away: nothing was written" test "$(rows)" = "9 9 "

# The same title and kind on the shelf already: its edition is replaced, not a second item added.
item title=重庆市人民政府公报 kind=市级政府公报 edition=2026年第5期 position=A架3层
run add-twice Z shelf add --from item.txt
check "add twice: nothing was written" test "$(rows)" = "9 9 "

# --- the listing: by kind in the notice's order, then place; text, TSV, CSV ---
run list Z shelf list
run list-tsv Z shelf list --format tsv
run list-csv Z shelf list --format csv
run show-service-guide Z shelf show 8
run show-state-gazette Z shelf show 3

# --- out of date, kind by kind, as the days go by (all placed 2026-03-09, the city gazette 03-01) ---
run stale-city-due-day env ZWGK_TODAY=2026-04-01 "$ZWGK" -c site/zwgk.ini shelf stale
run stale-month env ZWGK_TODAY=2026-04-09 "$ZWGK" -c site/zwgk.ini shelf stale
run stale-month-and-a-day env ZWGK_TODAY=2026-04-10 "$ZWGK" -c site/zwgk.ini shelf stale
run stale-half-year env ZWGK_TODAY=2026-09-09 "$ZWGK" -c site/zwgk.ini shelf list --stale --format tsv
run stale-year env ZWGK_TODAY=2027-03-10 "$ZWGK" -c site/zwgk.ini shelf stale --format tsv
run stale-year-and-a-day env ZWGK_TODAY=2027-03-11 "$ZWGK" -c site/zwgk.ini shelf stale
run show-stale env ZWGK_TODAY=2026-04-20 "$ZWGK" -c site/zwgk.ini shelf show 3

# --- [shelf] in the INI: this site gets its 国务院公报 every ten days ---
sed 's/^;refresh_state_gazette = 31$/refresh_state_gazette = 10/' site/zwgk.ini >site/fast.ini
check "INI: the template has the [shelf] keys to set" grep -q '^refresh_state_gazette = 10$' site/fast.ini
# Backed up on the day the check runs as: nothing else to warn about.
ZWGK_NOW="2025-06-01 02:00:00" "$ZWGK" -c site/zwgk.ini backup >/dev/null
run check-interval-override env ZWGK_TODAY=2025-06-01 "$ZWGK" -c site/fast.ini check
run stale-interval-override env ZWGK_TODAY=2026-03-20 "$ZWGK" -c site/fast.ini shelf stale
run stale-interval-default env ZWGK_TODAY=2026-03-20 "$ZWGK" -c site/zwgk.ini shelf stale
for bad in 0 abc 3651 -5 '7 days'; do
	sed "s/^;refresh_city_gazette = 31\$/refresh_city_gazette = $bad/" site/zwgk.ini >site/bad.ini
	grep -q "^refresh_city_gazette = $bad\$" site/bad.ini || not_ok "INI: could not write the bad value $bad"
	run "check-bad-interval-${bad// /_}" env ZWGK_TODAY=2025-06-01 "$ZWGK" -c site/bad.ini check
done
run shelf-with-bad-ini "$ZWGK" -c site/bad.ini shelf list
sed 's/^;refresh_city_gazette = 31$/refresh_city_gazete = 20/' site/zwgk.ini >site/typo.ini
run check-interval-typo env ZWGK_TODAY=2025-06-01 "$ZWGK" -c site/typo.ini check

# --- a new issue: the placed day starts again, the old edition stays in the history ---
run replace env ZWGK_TODAY=2026-04-10 "$ZWGK" -c site/zwgk.ini shelf replace 3 --edition 2026年第9号
run replace-copies env ZWGK_TODAY=2026-04-10 "$ZWGK" -c site/zwgk.ini shelf replace 4 --edition 2026年第5期 \
	--placed 2026-04-08 --copies 2
run stale-after-replace env ZWGK_TODAY=2026-04-10 "$ZWGK" -c site/zwgk.ini shelf stale
run show-replaced env ZWGK_TODAY=2026-04-10 "$ZWGK" -c site/zwgk.ini shelf show 4
run replace-same-edition env ZWGK_TODAY=2026-04-10 "$ZWGK" -c site/zwgk.ini shelf replace 4 --edition 2026年第5期
run replace-future env ZWGK_TODAY=2026-04-10 "$ZWGK" -c site/zwgk.ini shelf replace 3 --edition 2026年第10号 \
	--placed 2026-04-11
run replace-before-old env ZWGK_TODAY=2026-04-10 "$ZWGK" -c site/zwgk.ini shelf replace 3 --edition 2026年第10号 \
	--placed 2026-04-09
run replace-too-long Z shelf replace 3 --edition 2026年第10号（增刊）（合订本）（含附件及勘误表）（送阅本）
run replace-bad-date Z shelf replace 3 --edition 2026年第10号 --placed 2026-02-30
run replace-bad-copies Z shelf replace 3 --edition 2026年第10号 --copies 0
run replace-no-edition Z shelf replace 3 --copies 2
run replace-no-such-item Z shelf replace 99 --edition 2026年第10号
check "refused changes: nothing was written" test "$(rows)" = "9 12 "

# --- copies and place ---
run change Z shelf change 8 --copies 80 --position C架1层左
run change-nothing Z shelf change 8 --copies 80
run change-bad-copies Z shelf change 8 --copies 1000
run change-nothing-given Z shelf change 8
run show-changed Z shelf show 8

# --- taken off the shelf: out of the list and the catalogue, kept with its history ---
run retire Z shelf retire 9
run retire-again Z shelf retire 9
run replace-retired Z shelf replace 9 --edition 2027年版
run list-after-retire Z shelf list
run list-all-tsv Z shelf list --all --format tsv
run show-retired Z shelf show 9
item title=巫山县不动产登记办事指南 kind=service_guide edition=2027年版 position=C架2层
run add-after-retire Z shelf add --from item.txt

# --- the catalogue: on screen (--show) and through the printer, logged ---
run print-show Z shelf print --show
Z shelf print --show >catalogue.txt
check "catalogue: no line wider than 78 columns" test "$(wc -L <catalogue.txt)" -le 78
run print Z shelf print
check "print: lp got -d desk -n 1 -t 资料阅览区资料目录" \
	test "$(tr '\n' ' ' <lp/args.1)" = "-d desk -n 1 -t 资料阅览区资料目录 "
check "print: the text lp got is the one shown" cmp -s lp/job.1 catalogue.txt
check "print: logged as printed" \
	test "$(sqlite3 site/zwgk.db "SELECT what || '|' || ok || '|' || job || '|' || operator FROM print_log")" = "shelf|1|desk-1|测试员"
run print-unknown-queue env FAKE_LP_MODE=unknown-queue "$ZWGK" -c site/zwgk.ini shelf print
check "print: the failed print is logged too" \
	test "$(sqlite3 site/zwgk.db "SELECT group_concat(ok, '') FROM print_log")" = "10"

# --- a long catalogue: A4 portrait pages of at most 60 lines, the kind's heading again as continued ---
sqlite3 site/zwgk.db "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 230)
	INSERT INTO shelf_item (title, kind, edition, position, copies, placed, created_at, created_by, updated_at, updated_by)
	SELECT '巫山县' || printf('%03d', i) || '号政策文件选编', 0, '2026年版', 'D架' || (i % 7) || '层', 1, '2026-03-0' || (1 + i % 9),
	'2026-03-09 10:00:00', 'sqlite3', '2026-03-09 10:00:00', 'sqlite3' FROM n"
Z shelf print --show >long.txt
pages=$(($(tr -cd '\f' <long.txt | wc -c) + 1))
check "long catalogue: several pages" test "$pages" -ge 5
check "long catalogue: every page at most 60 lines" \
	sh -c "awk 'BEGIN { RS = \"\\f\" } { n = split(\$0, l, \"\\n\"); if (n > 61) bad = 1 } END { exit bad }' long.txt"
check "long catalogue: the last page is numbered" grep -q "第 $pages 页" long.txt
check "long catalogue: pages 2 to 4 go on with the policy compilations, under their heading continued" \
	test "$(awk 'BEGIN { RS = "\f" } NR >= 2 && NR <= 4 { split($0, l, "\n"); print l[6] }' long.txt | uniq)" = "【政策汇编】（续）"
check "long catalogue: every item once" test "$(grep -c '号政策文件选编' long.txt)" = 230
# Listing pages through the table a page at a time: every row once, in catalogue order.
Z shelf list --format tsv >all.tsv
check "list: 239 items, each once" test "$(tail -n +2 all.tsv | cut -f1 | sort -u | wc -l)" = 239
check "list: in catalogue order (kind, place, title)" \
	sh -c "tail -n +2 all.tsv | awk -F'\t' '{ print \$2 }' | uniq | tr '\n' ' ' | grep -qx 'compilation work_report state_gazette city_gazette rules guide standard_catalogue service_guide '"
check "list: places in order within a kind" \
	sh -c "awk -F'\t' '\$2 == \"compilation\" { print \$5 }' all.tsv | LC_ALL=C sort -c"

# --- bad input: a line per problem naming the key; nothing written ---
before=$(rows)
printf '%s\n' title= kind=报纸 edition= position= copies=1000 placed=2026-03-10 >bad.txt
run add-bad Z shelf add --from bad.txt
printf '%s\n' title=巫山县公报 kind=city_gazette edition=2026年第1期 position=A架1层左侧第二格上方的资料盒子里面靠右边 >bad.txt
run add-position-too-long Z shelf add --from bad.txt
printf '%s\n' title=巫山县公报 kind=city_gazette edition=2026年第1期 position=A架4层 copies=abc placed=2026-3-1 >bad.txt
run add-bad-numbers Z shelf add --from bad.txt
printf '%s\n' "title=$(printf '资%.0s' $(seq 1 61))" kind=compilation edition=2026年版 position=A架 >bad.txt
run add-title-too-long Z shelf add --from bad.txt
printf '%s\n' title=巫山县公报 colour=red kind=city_gazette kind=guide 'just text' >bad.txt
run add-bad-keys Z shelf add --from bad.txt
printf 'title=\xb9\xab\xb1\xa8\nkind=guide\n' >gbk.txt
run add-not-utf8 Z shelf add --from gbk.txt
run add-no-such-file Z shelf add --from nosuch.txt
printf 'title=巫山县公报\tA\nkind=guide\nedition=2026\nposition=A\n' >tab.txt
run add-control-character Z shelf add --from tab.txt
check "bad input: nothing was written" test "$(rows)" = "$before"

# --- bad usage: said plainly in the site's language (Chinese), exit 2, before anything is opened ---
run usage-none Z shelf
run usage-unknown Z shelf shelve
run usage-add-no-file Z shelf add
run usage-show-no-id Z shelf show
run usage-show-bad-id Z shelf show 3a
run usage-format Z shelf list --format xls
run usage-wrong-option Z shelf list --edition 2026年版
run usage-print-option Z shelf print --stale
run usage-twice Z shelf replace 3 --edition a --edition b
run no-such-item Z shelf show 12345
unset LANGUAGE

summary
