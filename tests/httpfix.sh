#!/usr/bin/env bash
# httpfix.sh - the local HTTP server of the portal tests (build/check/http-fixture) and its
# fixtures (tests/portal), checked with the curl CLI: charsets by file name, 304 answers, errors,
# redirect loops, the 8 MiB answer, a hanging answer that blocks nobody, traversal, the log.

. "$(dirname "$0")/lib.sh"
FIX=$SRC/build/check/http-fixture
PORTAL=$SRC/tests/portal
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
C() { curl -s --noproxy '*' "$@"; }

"$FIX" "$PORTAL" log >port 2>server.err &
pid=$!
for _ in $(seq 50); do [ -s port ] && break; sleep 0.1; done
port=$(cat port)
U=http://127.0.0.1:$port
check "server: prints its port" grep -qE '^[0-9]+$' port

# get PATH [CURL-OPTIONS...]: body in body.out, headers in head.out, the status in $code.
get() {
	local path=$1
	shift
	rm -f body.out head.out
	code=$(C -o body.out -D head.out -w '%{http_code}' "$@" "$U$path")
}
# hdr NAME: the value of a header of the last answer.
hdr() { grep -i "^$1:" head.out | head -1 | cut -d' ' -f2- | tr -d '\r'; }
# logged REGEX: a line of the server's log matches (whole line).
logged() { grep -qxE "$1" log; }
is_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }

# Charsets by file name.
get /zfxxgkml/list_1.html
check "utf-8 page: 200" test "$code" = 200
check "utf-8 page: text/html; charset=utf-8" test "$(hdr Content-Type)" = "text/html; charset=utf-8"
check "utf-8 page: a quoted ETag" sh -c "grep -qiE '^ETag: \"[0-9a-f]{16}\"' head.out"
check "utf-8 page: Last-Modified in HTTP form" sh -c "grep -qiE '^Last-Modified: [A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} [0-9]{4} [0-9:]{8} GMT' head.out"
check "utf-8 page: Content-Length is the body's" test "$(hdr Content-Length)" = "$(wc -c <body.out)"
check "utf-8 page: {{ORIGIN}} becomes this server's address" \
	sh -c "grep -q 'href=\"$U/content/2026/03/content_101.html\"' body.out && ! grep -q '{{ORIGIN}}' body.out"
etag=$(hdr ETag)
lastmod=$(hdr Last-Modified)
length=$(hdr Content-Length)
get /gbk/list_1.gbk.html
check "gbk page: text/html; charset=GBK" test "$(hdr Content-Type)" = "text/html; charset=GBK"
check "gbk page: the bytes are GBK, not UTF-8" sh -c "! iconv -f UTF-8 -t UTF-8 body.out >/dev/null 2>&1 && iconv -f GBK -t UTF-8 body.out | grep -q '巫山县人民政府办公室'"
get /content_301.lying.html
check "lying page: the header says utf-8" test "$(hdr Content-Type)" = "text/html; charset=utf-8"
check "lying page: the body is GBK" sh -c "! iconv -f UTF-8 -t UTF-8 body.out >/dev/null 2>&1 && iconv -f GBK -t UTF-8 body.out | grep -q '低保标准表'"
get /content_303.nocharset.html
check "no-charset page: text/html alone" test "$(hdr Content-Type)" = "text/html"
check "no-charset page: <meta charset=\"gbk\">" grep -q '<meta charset="gbk">' body.out
get '/search.json?q=%E8%A1%A5%E8%B4%B4&page=1'
check "json search: application/json" test "$(hdr Content-Type)" = "application/json"
check "json search: data.list with 8 results" test "$(grep -c '"title": ' body.out)" = 8
check "json search: the query is logged decoded" logged 'GET /search\.json\?q=%E8%A1%A5%E8%B4%B4&page=1 200 [0-9]+ q=补贴'

# Conditional requests.
get /zfxxgkml/list_1.html -H "If-None-Match: $etag"
check "If-None-Match with the ETag: 304" test "$code" = 304
check "304: no body" test ! -s body.out
check "304: logged with inm" logged 'GET /zfxxgkml/list_1\.html 304 0 inm'
get /zfxxgkml/list_1.html -H "If-None-Match: W/\"x\", $etag"
check "If-None-Match with a list of tags: 304" test "$code" = 304
get /zfxxgkml/list_1.html -H 'If-None-Match: "0000000000000000"'
check "If-None-Match with another ETag: 200" test "$code" = 200
get /zfxxgkml/list_1.html -H "If-Modified-Since: $lastmod"
check "If-Modified-Since the Last-Modified: 304" test "$code" = 304
check "304: logged with ims" logged 'GET /zfxxgkml/list_1\.html 304 0 ims'
get /zfxxgkml/list_1.html -H 'If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT'
check "If-Modified-Since older than the file: 200" test "$code" = 200
get /zfxxgkml/list_1.html -I
check "HEAD: 200 with the Content-Length of the GET" sh -c "[ '$code' = 200 ] && [ '$(hdr Content-Length)' = '$length' ]"
check "HEAD: logged with 0 bytes" logged 'HEAD /zfxxgkml/list_1\.html 200 0'

# Errors and redirects.
get /status/404
check "/status/404: 404" test "$code" = 404
get /status/500
check "/status/500: 500" test "$code" = 500
get /status/503
check "/status/503: 503" test "$code" = 503
get /no/such/page.html
check "a missing file: 404" test "$code" = 404
get /content/2025/12/content_127.html
check "the dead link of list 3: 404" test "$code" = 404
get /zfxxgkml/list_4.html
check "the list page past the last: 404" test "$code" = 404
get /zfxxgkml/list_1.html -X POST
check "POST: 405" test "$code" = 405
C -o /dev/null -L --max-redirs 5 "$U/loop"
rc=$?
check "redirect loop: curl --max-redirs 5 gives up (exit 47)" test "$rc" = 47
check "redirect loop: six requests logged" test "$(grep -c '^GET /loop 302 ' log)" = 6
get '/redirect?to=/zfxxgkml/list_2.html'
check "/redirect?to=: 302 with the Location" sh -c "[ '$code' = 302 ] && [ '$(hdr Location)' = /zfxxgkml/list_2.html ]"
get '/redirect?to=/zfxxgkml/list_2.html' -L
check "/redirect?to= followed: list 2" sh -c "[ '$code' = 200 ] && grep -q '第2/3页' body.out"

# Traversal, plain and encoded.
for p in /../Makefile /zfxxgkml/../../Makefile /%2e%2e/Makefile /gbk/%2E%2E/%2e%2e/Makefile; do
	get "$p" --path-as-is
	check "traversal $p: 403" test "$code" = 403
done

# The 8 MiB answer, with and without Content-Length.
get /big
check "/big: 8 MiB" test "$(wc -c <body.out)" = 8388608
check "/big: logged with its size" logged 'GET /big 200 8388608'
get '/big?nolength'
check "/big?nolength: 8 MiB, no Content-Length" sh -c "[ \$(wc -c <body.out) = 8388608 ] && ! grep -qi '^Content-Length' head.out"
C -o /dev/null --max-filesize 1048576 "$U/big"
rc=$?
check "/big: a client's size cap (curl --max-filesize) refuses it (exit 63)" test "$rc" = 63
rm -f body.out

# A hanging answer blocks nobody.
start=$(date +%s%N)
C -o /dev/null -m 2 "$U/hang" &
hang=$!
sleep 0.3
get /zfxxgkml/list_3.html -m 1
check "while /hang hangs, another request is served" test "$code" = 200
check "while /hang hangs: its client is still waiting" kill -0 "$hang"
wait "$hang"
rc=$?
check "/hang: curl -m 2 times out (exit 28)" test "$rc" = 28
check "/hang: about 2 s" test $((($(date +%s%N) - start) / 1000000)) -lt 4000
check "/hang: logged with no status" logged 'GET /hang - 0'
get '/slow?bytes=4&ms=100'
check "/slow: the body arrives in the end" sh -c "[ '$code' = 200 ] && [ \$(wc -c <body.out) = 4 ]"

# Live search: search/N.html whatever the words, search/empty.html for 无结果 or past the last page.
get '/search?q=%E8%A1%A5%E8%B4%B4&page=1'
check "search page 1: 8 results" test "$(grep -c 'class="fbjg"' body.out)" = 8
check "search: logged with the words decoded" logged 'GET /search\?q=%E8%A1%A5%E8%B4%B4&page=1 200 [0-9]+ q=补贴'
get '/search?q=a+b&page=2'
check "search page 2: 4 results" test "$(grep -c 'class="fbjg"' body.out)" = 4
check "search: + is a space" logged 'GET /search\?q=a\+b&page=2 200 [0-9]+ q=a b'
get '/search?q=x&page=3'
check "search past the last page: no results" sh -c "[ '$code' = 200 ] && grep -q '没有找到相关结果' body.out"
get '/search?q=%E6%97%A0%E7%BB%93%E6%9E%9C'
check "search for 无结果: no results" grep -q '没有找到相关结果' body.out
get '/search.json?q=%E6%97%A0%E7%BB%93%E6%9E%9C'
check "json search for 无结果: an empty list" grep -q '"list": \[\]' body.out

# The log: one well-formed line per request.
check "log: every line is METHOD TARGET STATUS BYTES [inm] [ims] [q=...]" \
	sh -c "! grep -vxE '[A-Z]+ /[^ ]* ([0-9]{3} [0-9]+( inm)?( ims)?( q=.*)?|- 0)' log"

# The fixtures: shape of the list pages, GBK files in step with their UTF-8 sources.
items() { grep -c 'class="fbjg"' "$PORTAL/zfxxgkml/list_$1.html"; }
check "fixtures: 10, 10 and 7 items on the three list pages" test "$(items 1) $(items 2) $(items 3)" = "10 10 7"
check "fixtures: one item without 文号" test "$(grep -h 'class="fbjg"' "$PORTAL"/zfxxgkml/list_*.html | grep -vc 'class="bm"')" = 1
check "fixtures: one date written 2026年3月5日" grep -q '<span class="date">2026年3月5日</span>' "$PORTAL/zfxxgkml/list_1.html"
check "fixtures: relative, root and absolute links" sh -c "grep -q 'href=\"\.\./content/' '$PORTAL/zfxxgkml/list_1.html' && grep -q 'href=\"/content/' '$PORTAL/zfxxgkml/list_1.html' && grep -q 'href=\"{{ORIGIN}}/content/' '$PORTAL/zfxxgkml/list_1.html'"
check "fixtures: every UTF-8 page is valid UTF-8" sh -c "for f in \$(find '$PORTAL' -name '*.html' ! -name '*.gbk.html' ! -name '*.lying.html' ! -name '*.nocharset.html'); do iconv -f UTF-8 -t UTF-8 \"\$f\" >/dev/null || exit 1; done"
"$PORTAL/make-gbk.sh" "$T/regen" 2>regen.err
check "fixtures: make-gbk.sh makes the committed GBK files" sh -c "[ ! -s regen.err ] && diff -r '$T/regen/gbk' '$PORTAL/gbk' && for f in content_301.lying.html content_302.lying.html content_303.nocharset.html; do cmp '$T/regen/'\$f '$PORTAL/'\$f || exit 1; done"

# The [portal] sections pass `zwgk check`.
"$ZWGK" init --demo site >/dev/null || exit 1
sed "s/PORT/$port/g" "$PORTAL/fixture.ini.part" | cat site/zwgk.ini - >site/fixture.ini
cat site/zwgk.ini "$SRC/contrib/portal-wushan.ini" >site/wushan.ini
sed 's/^;\[fees\]/[fees]/; s/^;per_page/per_page/; s/^;free_pages/free_pages/; s/^;document/document/' site/wushan.ini >site/fees.ini
chmod 600 site/*.ini
for ini in fixture wushan fees; do
	"$ZWGK" -c "site/$ini.ini" check >"$ini.check" 2>&1
	check "zwgk check accepts $ini.ini" sh -c "grep -q '^ok: configuration' $ini.check && ! grep -q '\[portal\]\|\[fees\]' $ini.check"
done
sed 's/^max_body_kib = .*/max_body_kib = 1/' site/fixture.ini >site/small.ini
chmod 600 site/small.ini
check "zwgk check reads the appended [portal]: a bad value is named" \
	sh -c "'$ZWGK' -c site/small.ini check 2>&1 | grep -q '\[portal\] max_body_kib'"

# /quit stops the server, and with it the children.
check "/quit answers bye" test "$(C -m 2 "$U/quit")" = bye
for _ in $(seq 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
check "/quit: the server is gone" sh -c "! kill -0 $pid 2>/dev/null"
wait "$pid" 2>/dev/null
check "after /quit: nothing listens on the port" sh -c "! curl -s --noproxy '*' -m 1 -o /dev/null '$U/zfxxgkml/list_1.html'"
check "server: nothing on stderr" test ! -s server.err

# SIGTERM stops a second server.
"$FIX" "$PORTAL" log2 >port2 &
pid2=$!
for _ in $(seq 50); do [ -s port2 ] && break; sleep 0.1; done
kill "$pid2"
wait "$pid2" 2>/dev/null
check "SIGTERM stops the server" sh -c "! kill -0 $pid2 2>/dev/null"

summary
