#!/usr/bin/env bash
# cli.sh - batch-mode tests: zwgk run as a script or the county IT person would, each
# output (stdout, stderr, exit status) compared with tests/cli/NAME.out.

. "$(dirname "$0")/lib.sh"

# --- usage and help ---
run help "$ZWGK" --help
run version "$ZWGK" --version
run unknown-command "$ZWGK" frobnicate
run unknown-option "$ZWGK" --frob
run no-config "$ZWGK" unit list

# --- the working-day calendar ---
run cal-add-vectors sh -c '
for v in "2026-02-13 5" "2026-02-13 20" "2026-09-18 5" "2026-09-24 5" "2026-09-30 20" \
	 "2025-09-26 5" "2026-04-30 5" "2026-01-02 1" "2026-12-15 20"; do
	"$0" cal add $v || exit 1
done' "$ZWGK"
run cal-month-2026-02 "$ZWGK" cal month 2026-02
run cal-month-2026-10 "$ZWGK" cal month 2026-10
run cal-month-2027-05 "$ZWGK" cal month 2027-05
run cal-month-zh "env" LANGUAGE=zh_CN "$ZWGK" cal month 2026-09
run cal-bad-date "$ZWGK" cal add 2026-02-30 5
run cal-bad-count "$ZWGK" cal add 2026-02-13 -1
run cal-bad-month "$ZWGK" cal month 2026-13
run cal-usage "$ZWGK" cal add 2026-02-13

# --- QR codes: no site needed ---
run qr-url "$ZWGK" qr https://www.cqws.gov.cn/
run qr-ascii "$ZWGK" qr https://www.cqws.gov.cn/ --ascii
run qr-usage "$ZWGK" qr --ascii
run qr-two-texts "$ZWGK" qr a b
run qr-too-long "$ZWGK" qr "$(printf '%03000d' 0)"
check "qr: the same code in both drawings" sh -c "
	'$ZWGK' qr --ascii https://www.cqws.gov.cn/ | awk 'NR % 2 == 1' | sed 's/##/D/g; s/  /L/g' >qa.txt
	'$ZWGK' qr https://www.cqws.gov.cn/ | sed 's/█/D/g; s/▀/D/g; s/▄/L/g; s/ /L/g' >qu.txt
	cmp -s qa.txt qu.txt"
# Read back as a phone would (zbarimg): both drawings, a Chinese address, a long one.
long="https://www.cqws.gov.cn/zwgk_264/fdzdgknr/lzyj/xzgfxwj/$(printf 'a%.0s' $(seq 1 300))"
for text in https://www.cqws.gov.cn/ "请到巫山县政务服务中心一楼政务公开专区" "$long"; do
	check "qr: the drawing scans back to the text (${#text} characters)" test "$("$ZWGK" qr "$text" | qr_decode)" = "$text"
	check "qr: the ASCII drawing scans back to the text (${#text} characters)" \
		test "$("$ZWGK" qr --ascii "$text" | qr_decode)" = "$text"
done
check "qr: an address's Chinese is percent-encoded, so every phone reads it alike" \
	test "$("$ZWGK" qr "https://zwfw.cq.gov.cn/搜索?q=耕地 补贴" | qr_decode)" = \
	"https://zwfw.cq.gov.cn/%E6%90%9C%E7%B4%A2?q=%E8%80%95%E5%9C%B0%20%E8%A1%A5%E8%B4%B4"

# --- creating a site ---
run init-demo "$ZWGK" init --demo site
check "init: zwgk.ini and zwgk.db are 0600, the folder 0700" \
	test "$(stat -c %a site site/zwgk.ini site/zwgk.db | tr '\n' ' ')" = "700 600 600 "
remember site/zwgk.ini site/zwgk.db site/holidays.txt
run init-again "$ZWGK" init --demo site
unchanged "init: a second init changes nothing"
run init-usage "$ZWGK" init
run init-impossible "$ZWGK" init /proc/zwgk/site
check "init: nothing left behind after a failed init" test ! -e /proc/zwgk/site
run init-bad-type "$ZWGK" init --type town bad-type
run init-township-missing "$ZWGK" init --type township no-township
run init-newline-in-name "$ZWGK" init --name $'某站点\n[paths]\ndatabase = /tmp/evil.db' injected
run init-empty-name "$ZWGK" init ""
check "init: refused values create nothing" test ! -e bad-type -a ! -e no-township -a ! -e injected
run init-failed-parents env ZWGK_DATADIR=/nonexistent "$ZWGK" init new/deep/site
check "init: a failed init removes the parent folders it made" test ! -e new
run init-semicolon "$ZWGK" init --name '高唐街道#3号楼; 一层' --code WSGT semi
check "init: a name with ; and # survives the INI" \
	sh -c "ZWGK_TODAY=2025-06-01 '$ZWGK' -c semi/zwgk.ini check | grep -qF '高唐街道#3号楼; 一层'"
# iniparser joins the next line to one ending in a backslash: init quotes such a value (found by fuzz_config).
"$ZWGK" init --name '巫山县便民服务中心\' --code WSBS bslash >/dev/null
check "init: a name ending in a backslash survives the INI" \
	sh -c "ZWGK_TODAY=2025-06-01 '$ZWGK' -c bslash/zwgk.ini check | grep -qF '巫山县便民服务中心\\,'"
# And reads a value starting with ' as quoted by it.
"$ZWGK" init --name "'高唐'便民服务中心" --code WSSQ squote >/dev/null
check "init: a name starting with ' survives the INI" \
	sh -c "ZWGK_TODAY=2025-06-01 '$ZWGK' -c squote/zwgk.ini check | grep -qF \"site '高唐'便民服务中心,\""
run init-plain "$ZWGK" init --name 巫山县图书馆 --code WSTSG --type library plain
# Backed up on the day the checks run as, so that check-plain finds nothing to warn about.
ZWGK_NOW="2025-06-01 02:00:00" "$ZWGK" -c plain/zwgk.ini backup >/dev/null
run check-plain env ZWGK_TODAY=2025-06-01 "$ZWGK" -c plain/zwgk.ini check

# --- check ---
# The same for the demo site and check-ok.
ZWGK_NOW="2025-06-01 02:00:00" "$ZWGK" -c site/zwgk.ini backup >/dev/null
run check-ok env ZWGK_TODAY=2025-06-01 "$ZWGK" -c site/zwgk.ini check
run check-next-year-missing "$ZWGK" -c site/zwgk.ini check
run check-zh env ZWGK_TODAY=2025-06-01 LANGUAGE=zh_CN "$ZWGK" -c site/zwgk.ini check
cp site/zwgk.ini warn.ini
printf '[ui]\ncolor = off\n' >>warn.ini
sed -i "s|^\[paths\]|[paths]\ndatabase = $T/site/zwgk.db\ncalendar_file = x|" warn.ini
sed -i "s|^;file = holidays.txt|file = $T/site/holidays.txt|" warn.ini
run check-warnings env ZWGK_TODAY=2025-06-01 "$ZWGK" -c warn.ini check
# A calendar saved on Windows (CR LF) works as well.
mkdir crlf && cp site/zwgk.ini crlf/ && sed 's/$/\r/' site/holidays.txt >crlf/holidays.txt && "$ZWGK" init crlfdb >/dev/null && mv crlfdb/zwgk.db crlf/
# The approved charges, and a charge that is not an amount of yuan.
cp site/zwgk.ini site/fees.ini
printf '[fees]\nper_page = 0.5\ncolour_per_page = 1.20\nfree_pages = 5\ndocument = 巫发改价〔2026〕12号\n' >>site/fees.ini
run check-fees env ZWGK_TODAY=2025-06-01 "$ZWGK" -c site/fees.ini check
run check-fees-zh env ZWGK_TODAY=2025-06-01 LANGUAGE=zh_CN "$ZWGK" -c site/fees.ini check
sed 's/^per_page = 0.5$/per_page = 0.505/' site/fees.ini >site/fees-bad.ini
run check-fees-bad env ZWGK_TODAY=2025-06-01 "$ZWGK" -c site/fees-bad.ini check
rm site/fees.ini site/fees-bad.ini
ZWGK_NOW="2025-06-01 02:00:00" "$ZWGK" -c crlf/zwgk.ini backup >/dev/null
run check-crlf-calendar env ZWGK_TODAY=2025-06-01 "$ZWGK" -c crlf/zwgk.ini check

# The shipped sample configuration stays valid.
"$ZWGK" init sample >/dev/null && cp "$SRC/contrib/zwgk.ini.sample" sample/zwgk.ini
ZWGK_NOW="2025-06-01 02:00:00" "$ZWGK" -c sample/zwgk.ini backup >/dev/null
check "contrib/zwgk.ini.sample passes zwgk check" sh -c "ZWGK_TODAY=2025-06-01 '$ZWGK' -c sample/zwgk.ini check >/dev/null"

# --- the unit directory ---
run unit-list "$ZWGK" -c site/zwgk.ini unit list
run unit-list-search "$ZWGK" -c site/zwgk.ini unit list 龙
run unit-list-zh env LANGUAGE=zh_CN "$ZWGK" -c site/zwgk.ini unit list 街道
run unit-list-site-language env -u LANGUAGE "$ZWGK" -c site/zwgk.ini unit list 龙
"$ZWGK" -c site/zwgk.ini unit export >export1.csv
check "unit export: a header and 56 units" test "$(wc -l <export1.csv)" = 57
"$ZWGK" init plain2 >/dev/null && "$ZWGK" -c plain2/zwgk.ini unit import export1.csv >/dev/null &&
	"$ZWGK" -c plain2/zwgk.ini unit export >export2.csv
check "unit export: import of an export exports the same" cmp -s export1.csv export2.csv
remember site/zwgk.db
cat >bad.csv <<'CSV'
name,kind,township,phone
巫山县林业局,county_dept,,023-57680001
巫山县新单位,agency,,023-57680002
巫山县另一单位,county_dept,,5768
"巫山县第三单位,county_dept,,023-57680003
CSV
run unit-import-bad "$ZWGK" -c site/zwgk.ini unit import bad.csv
run unit-import-bad-zh env LANGUAGE=zh_CN "$ZWGK" -c site/zwgk.ini unit import bad.csv
printf 'name,kind\n\xd6\xd0\xce\xc4,county_dept\n' >gbk.csv
run unit-import-gbk "$ZWGK" -c site/zwgk.ini unit import gbk.csv
run unit-import-missing "$ZWGK" -c site/zwgk.ini unit import nosuch.csv
# An escape sequence in a file must not reach the terminal of whoever reads the message.
printf 'name,kind,\033]0;PWNED\007\033[31mred\n' >escape.csv
run unit-import-escape "$ZWGK" -c site/zwgk.ini unit import escape.csv
check "unit import: no ESC or BEL on the terminal" sh -c "! '$ZWGK' -c site/zwgk.ini unit import escape.csv 2>&1 | grep -q \$'[\\033\\007]'"
check "unit import: a refused import leaves the database as it was" \
	sh -c "'$ZWGK' -c site/zwgk.ini unit export | cmp -s - export1.csv"
cat >good.csv <<'CSV'
名称,类别,所属乡镇,依申请公开电话,接收地址,邮政编码
巫山县档案馆,其他,,023-00000099,巫山县高唐街道（演示地址）,404700
巫山县高唐街道办事处,乡镇（街道）,高唐街道,023-00000031/13800000000,巫山县高唐街道便民服务中心（演示地址）,404700
CSV
run unit-import-good "$ZWGK" -c site/zwgk.ini unit import good.csv
run unit-list-after-import "$ZWGK" -c site/zwgk.ini unit list 高唐
run unit-usage "$ZWGK" -c site/zwgk.ini unit frob

# --- bad input: one clear line, a non-zero exit, nothing written ---
mkdir bad
printf '[site]\nname = 某站点\ncode = X\ntype = township\ntownship = 高唐街道\nthis is not ini\n' >bad/broken.ini
run bad-broken-ini "$ZWGK" -c bad/broken.ini
printf '[site]\nname = 某站点\ncode = X\ntype = town\n' >bad/type.ini
run bad-site-type "$ZWGK" -c bad/type.ini
run bad-site-type-check "$ZWGK" -c bad/type.ini check
printf '[site]\nname = 某站点\ncode = X\ntype = county_center\n[paths]\ndatabase = %s/nofolder/zwgk.db\n[calendar]\nfile = %s/site/holidays.txt\n' "$T" "$T" >bad/nofolder.ini
run bad-missing-data-folder "$ZWGK" -c bad/nofolder.ini unit list
check "bad input: nothing created for a missing data folder" test ! -e nofolder
run bad-missing-config "$ZWGK" -c bad/nosuch.ini
"$ZWGK" init emptydb >/dev/null && : >emptydb/zwgk.db
run bad-empty-database "$ZWGK" -c emptydb/zwgk.ini unit list
check "bad input: an empty database stays empty (not silently recreated)" test ! -s emptydb/zwgk.db
# An unwritable data folder: as root, permissions do not apply, so run as nobody there.
"$ZWGK" init ro >/dev/null
AS=
if [ "$(id -u)" = 0 ]; then
	chown -R nobody ro
	chmod 0755 "$T"
	AS="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
fi
chmod 0555 ro
remember ro/zwgk.db
run bad-unwritable-data-folder $AS "$ZWGK" -c ro/zwgk.ini unit list
run bad-unwritable-init $AS "$ZWGK" init ro/new
unchanged "bad input: nothing written in an unwritable data folder"
check "bad input: no new files in the unwritable folder" test "$(ls -A ro | tr '\n' ' ')" = "backups holidays.txt spool synonyms.txt zwgk.db zwgk.ini "
chmod 0700 "$T" ro
"$ZWGK" init newer >/dev/null
sqlite3 newer/zwgk.db 'PRAGMA journal_mode=DELETE; PRAGMA user_version=99;' >/dev/null
remember newer/zwgk.db
run bad-newer-database "$ZWGK" -c newer/zwgk.ini unit list
run bad-newer-database-tui env TERM=xterm "$ZWGK" -c newer/zwgk.ini
unchanged "bad input: a newer database is left untouched"
check "bad input: no -wal or -shm next to the newer database" test ! -e newer/zwgk.db-wal -a ! -e newer/zwgk.db-shm
run bad-locale env LC_ALL=C LANG=C "$ZWGK" -c site/zwgk.ini
run bad-locale-zh env LC_ALL=POSIX LANGUAGE=zh_CN "$ZWGK" -c site/zwgk.ini
run bad-term-unset env -u TERM "$ZWGK" -c site/zwgk.ini
run bad-term-unknown env TERM=no-such-terminal "$ZWGK" -c site/zwgk.ini
run cli-without-utf8-locale env LC_ALL=C "$ZWGK" cal add 2026-02-13 5

# --- make install / uninstall into a DESTDIR: every part lands, and uninstall takes it all away ---
if make -s -C "$SRC" install DESTDIR="$T/inst" PREFIX=/usr >"$T/install.log" 2>&1; then
	missing=
	for f in usr/bin/zwgk usr/share/locale/zh_CN/LC_MESSAGES/zwgk.mo usr/share/man/man1/zwgk.1 \
		usr/share/zwgk/holidays.txt usr/share/zwgk/synonyms.txt usr/share/zwgk/units-wushan.csv usr/share/zwgk/forms/receipt.txt \
		usr/share/zwgk/forms/transfer.txt usr/share/zwgk/contrib/zwgk.ini.sample \
		usr/share/bash-completion/completions/zwgk usr/share/doc/zwgk/zwgk-backup.cron \
		usr/share/doc/zwgk/zwgk-backup.service usr/share/doc/zwgk/zwgk-backup.timer; do
		[ -e "$T/inst/$f" ] || missing="$missing $f"
	done
	check "make install: binary, translations, man page, data, forms, samples, completion${missing:+ (missing:$missing)}" test -z "$missing"
	check "make install: the installed binary runs" sh -c "'$T/inst/usr/bin/zwgk' --version | grep -q '^zwgk '"
	make -s -C "$SRC" uninstall DESTDIR="$T/inst" PREFIX=/usr >/dev/null 2>&1
	check "make uninstall: nothing left" test -z "$(find "$T/inst" -type f)"
else
	not_ok "make install" "$(tail -5 "$T/install.log")"
fi

# --- the documentation names every action of the action table, with its keys ---
actions=$(sed -n 's/^\t{ ACT_[A-Z_]*, "\([a-z_]*\)".*/\1/p' "$SRC/src/core/keys.c")
missing=
for a in $actions; do
	grep -q "^\.B $(echo "$a" | sed 's/-/\\-/g')\$" "$SRC/contrib/zwgk.1" || missing="$missing man:$a"
	grep -q "^| \`$a\` |" "$SRC/README.md" || missing="$missing README:$a"
done
check "docs: the man page and README list every action ($(echo $actions | wc -w))${missing:+ (missing:$missing)}" test -z "$missing"

summary
