#!/usr/bin/env bash
# badinput.sh - hostile text at every place text enters zwgk: the key=value intake files, the
# CSV and TSV imports, the command-line values, the operator's name and the site configuration.
# Each try must end in a clear message and a non-zero exit with the database unchanged (or be
# harmless and accepted), with no crash and nothing raw on the terminal. Then rows changed
# behind the program's back (a database edited with sqlite3) are read back through every
# output, on paper and on the desk: nothing that could act on a terminal or printer gets out.

. "$(dirname "$0")/lib.sh"
LP="$SRC/tests/fake-lp"
export FAKE_LP_DIR=$T/lp
SOCK=zwgk-bad-$$
TM() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'TM kill-server >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT

"$ZWGK" init --demo site >/dev/null || exit 1
sed -i "s|^;command = lp|command = $LP|; s|^;queue = |queue = desk|; s|^;phone = |phone = 023-00000000|" site/zwgk.ini
Z() { "$ZWGK" -c site/zwgk.ini "$@"; }
Z kb import "$SRC/tests/kb/policy-qa.tsv" >/dev/null || exit 1
Z backup >/dev/null || exit 1

# The hostile values (printf formats): terminal controls (CSI, OSC, BEL, C1 CSI, carriage
# return, backspace, DEL, form feed, vertical tab), bytes that are not UTF-8 (stray, overlong,
# a surrogate), NUL, the Unicode line separator and a bidirectional override.
BAD_NAMES=(csi osc bel c1-csi cr backspace del formfeed vtab bad-utf8 overlong surrogate nul line-sep bidi)
BAD_FMTS=('张\033[2J\033[H三' '张\033]0;PWNED\007三' '张\007三' '张\302\23331m三' '张\r三' '张\b\b三'
	'张\177三' '张\f三' '张\v三' '张\377\376三' '张\300\257三' '张\355\240\200三' '张\000三'
	'张\342\200\250三' '张\342\200\256三')
# A value of more than 1 MB, and (for arguments, which the kernel caps at 128 KiB) of 100 KB.
BIG=$(head -c 349600 /dev/zero | tr '\0' 'x' | sed 's/x/字/g')
ARG_BIG=$(head -c 34000 /dev/zero | tr '\0' 'x' | sed 's/x/字/g')

# Fields of codes, dates and numbers.
CODED="applicant_kind id_type id_number org_kind uscc phone postcode email form delivery oral received channel
	kind copies placed take_away id"
tried=0
refused=0
accepted=0

# raw_free FILE: no byte that a terminal or printer would act on (a CR only before LF).
raw_free() {
	perl -0777 -ne 'exit(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]/ ? 1 : 0)' "$1"
}

# Any change of the database changes its file (each zwgk checkpoints its WAL when it closes).
dbsum() { cat site/zwgk.db site/zwgk.db-wal 2>/dev/null | cksum; }

# attempt LABEL MODE CMD...: one try. MODE store: the value would be kept, so it must be
# refused, the database as it was; read: refused or not, the database as it was; out: an
# output, which must be clean. Sets $why to what went wrong, empty when the try passed.
attempt() {
	local label=$1 mode=$2
	shift 2
	local before rc
	before=$(dbsum)
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	last_rc=$rc
	tried=$((tried + 1))
	why=""
	if [ "$rc" -ge 128 ] || grep -q -e 'Sanitizer' -e 'runtime error' "$T/err"; then
		why="$label: crashed (exit $rc): $(head -c 300 "$T/err")"
	elif ! raw_free "$T/out" || ! raw_free "$T/err"; then
		why="$label: raw control bytes on the terminal: $(cat -v "$T/out" "$T/err" | head -c 300)"
	elif [ "$rc" != 0 ] && [ ! -s "$T/err" ] && [ ! -s "$T/out" ]; then
		why="$label: refused (exit $rc) without a word"
	elif [ "$mode" = store ] && [ "$rc" = 0 ]; then
		why="$label: accepted and kept: $(head -c 200 "$T/out")"
	elif [ "$mode" != out ] && [ "$(dbsum)" != "$before" ]; then
		why="$label: the database changed"
	elif [ "$rc" != 0 ]; then
		refused=$((refused + 1))
	else
		accepted=$((accepted + 1))
	fi
}

# each_bad NAME MODE MAKE CMD...: every hostile value through one entry: MAKE FMT builds the
# input (a file, or the variable $v for an argument) before CMD runs; a check line per entry.
each_bad() {
	local name=$1 mode=$2 make=$3
	shift 3
	local i fails=""
	for i in "${!BAD_FMTS[@]}"; do
		# A field of codes, dates or numbers is read by a stricter rule: a few values show it.
		case " $CODED " in
		*" ${field:-} "*) case ${BAD_NAMES[$i]} in csi | c1-csi | bad-utf8 | nul) ;; *) continue ;; esac ;;
		esac
		"$make" "${BAD_FMTS[$i]}" || continue
		attempt "${BAD_NAMES[$i]}" "$mode" "$@"
		[ -n "$why" ] && fails="$fails$why"$'\n'
	done
	if [ -z "$fails" ]; then ok "$name: every hostile value refused or made harmless"; else not_ok "$name" "$fails"; fi
}

# --- key=value intake files: every field ---
# kv FILE FIELD: the base lines of FILE with FIELD's value replaced by the hostile one in $fmt.
APP_BASE='applicant_kind=person
name=张三
id_type=居民身份证
id_number=11010519491231002X
phone=13812345678
address=巫山县高唐街道平湖东路 8 号
postcode=404700
target_unit=巫山县高唐街道办事处
description=2025年高唐街道老旧小区改造项目的资金使用情况
form=纸质
delivery=自行领取'
SUG_BASE='name=李四
contact=13800000000
target_unit=巫山县高唐街道办事处
content=希望公开社区停车位分配办法'
ASK_BASE='name=王五
contact=13900000000
question=老汉儿满六十了，养老钱咋个领哦？'
SHELF_BASE='title=巫山县惠民惠农政策汇编
kind=compilation
edition=2026年版
position=A架1层
copies=3'

kv_file() {
	local base=$1 field=$2 fmt=$3
	printf '%s\n' "$base" | grep -v "^$field=" >"$T/in.txt"
	{ printf '%s=' "$field"; printf "$fmt"; printf '\n'; } >>"$T/in.txt"
}
for field in applicant_kind name employer id_type id_number org_kind uscc legal_rep contact_name phone address \
	postcode email target_unit description form delivery oral received; do
	mk() { kv_file "$APP_BASE" "$field" "$1"; }
	each_bad "app add: $field" store mk Z app add --from "$T/in.txt"
done
for field in name contact target_unit content channel received; do
	mk() { kv_file "$SUG_BASE" "$field" "$1"; }
	each_bad "sug add: $field" store mk Z sug add --from "$T/in.txt"
done
for field in name contact question channel received; do
	mk() { kv_file "$ASK_BASE" "$field" "$1"; }
	each_bad "ask add: $field" store mk Z ask add --from "$T/in.txt"
done
for field in title kind edition position copies placed take_away; do
	mk() { kv_file "$SHELF_BASE" "$field" "$1"; }
	each_bad "shelf add: $field" store mk Z shelf add --from "$T/in.txt"
done
field=
# The same from standard input, as a script pipes it.
mk() { kv_file "$SHELF_BASE" title "$1"; }
each_bad "shelf add from standard input: title" store mk sh -c "'$ZWGK' -c site/zwgk.ini shelf add --from - <'$T/in.txt'"
# A key that is itself hostile, and a line without '='.
mk() { { printf '%s\n' "$APP_BASE"; printf "$1"; printf '=x\n'; } >"$T/in.txt"; }
each_bad "app add: a hostile key" store mk Z app add --from "$T/in.txt"
mk() { { printf '%s\n' "$APP_BASE"; printf "$1"; printf '\n'; } >"$T/in.txt"; }
each_bad "app add: a hostile line without =" store mk Z app add --from "$T/in.txt"

big_kv() { printf '%s\n' "$1" | grep -v "^$2=" >"$T/in.txt"; printf '%s=%s\n' "$2" "$BIG" >>"$T/in.txt"; }
big_kv "$APP_BASE" description
attempt "1 MB description" store Z app add --from "$T/in.txt"
check "app add: a field of more than 1 MB is refused, nothing saved" test -z "$why" -a "$last_rc" != 0
big_kv "$SHELF_BASE" title
attempt "1 MB title" store Z shelf add --from "$T/in.txt"
check "shelf add: a field of more than 1 MB is refused, nothing saved" test -z "$why" -a "$last_rc" != 0

# --- CSV and TSV imports: the unit directory and the knowledge base (all or nothing) ---
# row SEP FIELD FMT NAME=VALUE...: a header and one row, FIELD's value the hostile one (the
# other values hold no '%' or '\').
row() {
	local sep=$1 field=$2 fmt=$3 kv head="" line=""
	shift 3
	for kv in "$@"; do
		head="$head${head:+$sep}${kv%%=*}"
		line="$line${line:+$sep}"
		if [ "${kv%%=*}" = "$field" ]; then line="$line$fmt"; else line="$line${kv#*=}"; fi
	done
	printf '%s\n' "$head"
	printf "$line\n"
}
UNIT_ROW=(name=巫山县测试局 kind=county_dept township= phone=023-00000099 address=巫山县某路1号 postcode=404700
	email=test@example.org hours=周一至周五)
for field in name kind township phone address postcode email hours; do
	mk() { row , "$field" "$1" "${UNIT_ROW[@]}" >"$T/in.csv"; }
	each_bad "unit import: $field" store mk Z unit import "$T/in.csv"
done
KB_ROW=(id=KB901 category=社会保障 question=问题 answer=答案 source=来源 unit=巫山县人力社保局)
for field in id category question answer source unit; do
	mk() { row $'\t' "$field" "$1" "${KB_ROW[@]}" >"$T/in.tsv"; }
	each_bad "kb import: $field" store mk Z kb import "$T/in.tsv"
done
field=
KB_HEAD=$(head -1 "$SRC/tests/kb/policy-qa.tsv")
{ echo "$KB_HEAD"; printf 'KB901\t社会保障\t问题\t%s\t来源\t巫山县人力社保局\n' "$BIG"; } >"$T/in.tsv"
attempt "1 MB answer" store Z kb import "$T/in.tsv"
check "kb import: an answer of more than 1 MB is refused, nothing imported" test -z "$why" -a "$last_rc" != 0

# --- values on the command line (no NUL there: the kernel ends an argument at it) ---
printf '%s\n' "$APP_BASE" >app.txt
A1=$(Z app add --from app.txt)
A2=$(Z app add --from app.txt)
Z app forward "$A2" --method in_person --to 刘洋 >/dev/null
printf '%s\n' "$SUG_BASE" >sug.txt
S1=$(Z sug add --from sug.txt)
printf '%s\n' "$ASK_BASE" >ask.txt
Q1=$(Z ask add --from ask.txt)
Q2=$(Z ask add --from ask.txt)
Z ask dispatch "$Q2" --unit 巫山县交通运输委员会 >/dev/null
if [ -z "$A1" ] || [ -z "$A2" ] || [ -z "$S1" ] || [ -z "$Q1" ] || [ -z "$Q2" ]; then
	not_ok "the records the arguments are tried on could not be made"
fi
arg() {
	case $1 in
	*'\000'*) return 1 ;;
	esac
	v=$(printf "$1x")
	v=${v%x}
}
each_arg() {
	local name=$1 mode=$2
	shift 2
	local i fails=""
	for i in "${!BAD_FMTS[@]}"; do
		arg "${BAD_FMTS[$i]}" || continue
		attempt "${BAD_NAMES[$i]}" "$mode" "$@" "$v"
		[ -n "$why" ] && fails="$fails$why"$'\n'
	done
	attempt "100 KB" "$mode" "$@" "$ARG_BIG"
	[ -n "$why" ] && fails="$fails$why"$'\n'
	if [ -z "$fails" ]; then ok "$name: every hostile value refused or made harmless"; else not_ok "$name" "$fails"; fi
}
each_arg "app forward --to" store Z app forward "$A1" --method in_person --to
each_arg "app supplement --request" store Z app supplement "$A2" --request
each_arg "app extend --approver" store Z app extend "$A2" --approver
each_arg "app slip --unit" read Z app slip --show --unit
each_arg "sug forward --to" store Z sug forward "$S1" --method in_person --to
each_arg "sug reply --text" store Z sug reply "$S1" --text
each_arg "ask reply --text" store Z ask reply "$Q2" --date 2026-03-09 --text
each_arg "ask dispatch --unit" store Z ask dispatch "$Q1" --unit
each_arg "ask redirect --unit" store Z ask redirect "$Q1" --unit
each_arg "kb alias" store Z kb alias KB007
each_arg "kb search" read Z kb search
each_arg "unit list" read Z unit list
each_arg "app show" read Z app show
each_arg "shelf replace --edition" store Z shelf replace 1 --edition
each_arg "report ledger --from" read Z report ledger applications --from
each_arg "report annual" read Z report annual
each_arg "qr" read "$ZWGK" qr
each_arg "a command's name" read Z
op_try() { env ZWGK_OPERATOR="$1" "$ZWGK" -c site/zwgk.ini app forward "$A1" --method in_person --to 刘洋 --date 2026-03-09; }
each_arg "ZWGK_OPERATOR" store op_try
check "ZWGK_OPERATOR: a hostile name is said, never recorded" \
	test "$(sqlite3 site/zwgk.db "SELECT count(*) FROM app_event WHERE operator LIKE '%张%'; SELECT count(*) FROM audit WHERE operator LIKE '%张%'" | tr '\n' ' ')" = "0 0 "

# --- the site configuration: a hostile site name or staff name is refused before anything runs ---
conf_try() {
	arg "$1" || return 1
	sed "/^\[site\]/,/^\[/ s/^name = .*/name = $(printf '%s' "$v" | sed 's/[\\/&]/\\&/g')/" site/zwgk.ini >site/bad.ini
}
each_bad "zwgk.ini: [site] name (check)" store conf_try "$ZWGK" -c site/bad.ini check
each_bad "zwgk.ini: [site] name (a command)" store conf_try "$ZWGK" -c site/bad.ini app list
staff_try() {
	arg "$1" || return 1
	sed "s/^staff = .*/staff = 张敏, $(printf '%s' "$v" | sed 's/[\\/&]/\\&/g')/" site/zwgk.ini >site/bad.ini
}
each_bad "zwgk.ini: [site] staff" store staff_try "$ZWGK" -c site/bad.ini check

# --- rows changed behind the program's back: every output stays clean ---
# A restored foreign backup or a hand edit with sqlite3 could hold what no intake lets in.
HOSTILE="char(27)||'[2J'||char(27)||'[H张'||char(27)||']0;PWNED'||char(7)||char(13)||char(155)||'31m三'||char(8232)"
sqlite3 site/zwgk.db "UPDATE application SET name = $HOSTILE, description = '资料' || $HOSTILE, address = $HOSTILE WHERE serial = '$A1';
	UPDATE suggestion SET content = $HOSTILE, name = $HOSTILE WHERE serial = '$S1';
	UPDATE consultation SET question = $HOSTILE, name = $HOSTILE WHERE serial = '$Q1';
	UPDATE unit SET address = $HOSTILE, hours = $HOSTILE WHERE name = '巫山县高唐街道办事处';
	UPDATE kb_entry SET answer = $HOSTILE WHERE id = 'KB007';" || not_ok "the rows could not be changed with sqlite3"
outputs_clean() {
	local fails="" out
	for out in "app list" "app list --format tsv" "app list --format csv" "app show $A1" "app show $A1 --full" \
		"sug list" "sug show $S1" "ask list" "ask list --format csv" "ask show $Q1" "unit list 高唐" \
		"unit export" "kb show KB007" "kb export" "audit" "audit --record $A1" "print form contacts --show" \
		"report ledger applications" "report ledger applications --format csv" \
		"report ledger applications --format tsv" "report ledger suggestions" "report ledger consultations" \
		"report month 2026-03" "app slip --unit 巫山县高唐街道办事处 --show"; do
		# shellcheck disable=SC2086
		attempt "$out" out Z $out
		[ -n "$why" ] && fails="$fails$why"$'\n'
		[ "$(cat "$T/out")" = "" ] && fails="$fails$out: printed nothing"$'\n'
	done
	if [ -z "$fails" ]; then ok "every listing, page and export of the changed rows is clean"; else not_ok "outputs of changed rows" "$fails"; fi
}
outputs_clean
rm -rf lp
prints_clean() {
	local fails="" out f
	for out in "app receipt $A1" "report ledger applications --format print" "report ledger suggestions --format print" \
		"report ledger consultations --format print" "print form contacts"; do
		# shellcheck disable=SC2086
		attempt "$out" out Z $out
		[ -n "$why" ] && fails="$fails$why"$'\n'
		[ "$last_rc" = 0 ] || fails="$fails$out: exit $last_rc: $(cat "$T/err")"$'\n'
	done
	for f in lp/job.*; do
		raw_free "$f" || fails="$fails$f: raw control bytes went to the printer"$'\n'
	done
	[ "$(ls lp | grep -c '^job\.')" = 5 ] || fails="${fails}not every job reached the printer: $(ls lp)"$'\n'
	if [ -z "$fails" ]; then ok "every printout of the changed rows is clean"; else not_ok "printouts of changed rows" "$fails"; fi
}
prints_clean
check "the changed rows are shown made safe (? for each control)" \
	sh -c "'$ZWGK' -c site/zwgk.ini app show $A1 | grep -q '^name: ?\[2J?\[H张?\]0;PWNED???31m三?\$'"

# On the desk: the ledger and the record's page show the row without the screen moving; what
# zwgk wrote to the terminal is recorded (pipe-pane) and holds no title change and no BEL.
TM new-session -d -s z -x 80 -y 24 \
	"env -u LANGUAGE TERM=screen $(printf '%q ' "$ZWGK" -c site/zwgk.ini); sleep 600" 2>/dev/null
TM set-option -g window-size manual >/dev/null
TM pipe-pane -o -t z "cat >$T/tty.raw"
screen() { TM capture-pane -p -t z; }
wait_for() {
	local i
	for i in $(seq 1 100); do
		screen 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	not_ok "waiting for: $1" "$(screen 2>/dev/null)"
	return 1
}
keys() { TM send-keys -t z "$@"; }
wait_for "谁在值班" && keys Enter
wait_for "主菜单" && keys 3
wait_for "申请台账" && keys 2
wait_for "$A1" && sleep 0.3
screen >"$T/ledger.screen"
check "desk: the ledger's title line is where it belongs" sh -c "head -1 '$T/ledger.screen' | grep -q '申请台账'"
check "desk: the changed row is shown in its column, made safe" grep -q "$A1 .*?\[2J?\[H张" "$T/ledger.screen"
check "desk: the status line is at the bottom" sh -c "tail -2 '$T/ledger.screen' | grep -q 'F1'"
keys Home Enter
wait_for "所需信息" && sleep 0.3
screen >"$T/detail.screen"
check "desk: the record's page shows the description made safe" grep -q '资料?\[2J?\[H张?\]0;PWNED' "$T/detail.screen"
check "desk: the record's page has its title at the top" sh -c "head -1 '$T/detail.screen' | grep -q '政务公开专区'"
keys Escape
sleep 0.3
TM pipe-pane -t z
check "desk: no title change and no BEL reached the terminal" \
	perl -0777 -ne 'utf8::decode($_); exit(/\e\]0;PWNED|\x07|\x{9b}/ ? 1 : 0)' "$T/tty.raw"
check "desk: the changed text never went out as a raw clear-screen before 张" \
	perl -0777 -ne 'exit(/\e\[2J\e\[H张/ ? 1 : 0)' "$T/tty.raw"
TM kill-server >/dev/null 2>&1

# The desk may still be closing its connection: wait for it, as any reader would.
check "the database is sound after all of it" test "$(sqlite3 -cmd '.timeout 10000' site/zwgk.db 'PRAGMA integrity_check')" = ok
echo "bad inputs tried: $tried ($refused refused with a message, $accepted harmless and accepted); crashes: 0"
summary
