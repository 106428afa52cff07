#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository: every claims file under fixtures/, claims/
# and tests/data/regressions/ for the text targets (parse, check, fmt), and, for the
# language server target (lsp), one editor session per file: initialize, open, edit, every
# request the server answers, shutdown and exit, framed as on stdin. Run from anywhere;
# existing corpus entries are kept.
set -euo pipefail
cd "$(dirname "$0")"

dirs=(../fixtures ../claims)
if [ -d ../tests/data/regressions ]; then
    dirs+=(../tests/data/regressions)
fi
files=$(find "${dirs[@]}" -name '*.claims' | sort)

for target in parse check fmt lsp; do
    mkdir -p "corpus/$target"
done

# A JSON string holding a file's text.
json_string() {
    printf '"'
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$1" | awk '{ printf "%s\\n", $0 }'
    printf '"'
}

# One Content-Length frame.
frame() {
    printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$1" | wc -c)" "$1"
}

session() {
    local uri="file:///fuzz/$(basename "$1")"
    local doc="{\"uri\":\"$uri\"}"
    local at="\"textDocument\":$doc,\"position\":{\"line\":2,\"character\":8}"
    local range='{"start":{"line":0,"character":0},"end":{"line":3,"character":5}}'
    frame '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{"general":{"positionEncodings":["utf-8","utf-16"]}},"rootUri":"file:///fuzz"}}'
    frame '{"jsonrpc":"2.0","method":"initialized","params":{}}'
    frame "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"$uri\",\"languageId\":\"claims\",\"version\":1,\"text\":$(json_string "$1")}}}"
    frame "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{$at}}"
    frame "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"$uri\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":1,\"character\":0},\"end\":{\"line\":1,\"character\":3}},\"text\":\"x\"}]}}"
    frame "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/definition\",\"params\":{$at}}"
    frame "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/completion\",\"params\":{$at}}"
    frame "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/codeAction\",\"params\":{\"textDocument\":$doc,\"range\":$range,\"context\":{\"diagnostics\":[]}}}"
    frame "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"textDocument/formatting\",\"params\":{\"textDocument\":$doc,\"options\":{\"tabSize\":4,\"insertSpaces\":true}}}"
    frame "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didSave\",\"params\":{\"textDocument\":$doc}}"
    frame "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":{\"textDocument\":$doc}}"
    frame '{"jsonrpc":"2.0","id":7,"method":"shutdown"}'
    frame '{"jsonrpc":"2.0","method":"exit"}'
}

count=0
for file in $files; do
    name=$(printf '%s' "${file#../}" | tr '/' '_')
    for target in parse check fmt; do
        cp "$file" "corpus/$target/$name"
    done
    session "$file" >"corpus/lsp/$name.lsp"
    count=$((count + 1))
done
echo "seeded $count files into fuzz/corpus/{parse,check,fmt,lsp}"
