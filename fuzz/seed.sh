#!/bin/sh
# Builds the fuzz corpora from the repository's fixtures and the seeds kept in fuzz/seeds.
# Run from anywhere; the corpora land in fuzz/corpus/TARGET (ignored by git).
set -eu
cd "$(dirname "$0")"
mkdir -p corpus/sheet corpus/render corpus/check corpus/args corpus/completion
cp ../tests/fixtures/sheets/*.toml ../tests/fixtures/readme/*.toml ../facts.toml corpus/sheet/
cp ../tests/fixtures/drafts/*.md ../tests/fixtures/drafts/*.txt ../tests/fixtures/readme/draft.md corpus/check/
cp seeds/render/* corpus/render/
cp seeds/args/* corpus/args/
cp seeds/completion/* corpus/completion/
for dir in regressions/*/; do
    [ -d "$dir" ] && cp "$dir"* "corpus/$(basename "$dir")/" 2>/dev/null || true
done
echo "corpus: $(ls corpus/sheet | wc -l) sheets, $(ls corpus/check | wc -l) drafts, $(ls corpus/render | wc -l) render and $(ls corpus/args | wc -l) argument seeds"
