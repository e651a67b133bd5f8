#!/usr/bin/env bash
# Whole-process benchmarks of pakaz against the floor (/bin/true) and its peers (tldr, jq,
# grep), each group measured in one hyperfine run so the ratios share the machine's state.
#
#   bench/run.sh                      # everything; results under bench/out/
#   RUNS=300 bench/run.sh             # more runs on a noisy machine
#   BEFORE=/path/to/old/pakaz bench/run.sh   # an earlier build measured in the same runs
#   BEFORE_DYN=/path/to/old/dynamic/pakaz    # and its dynamically linked build too
#   SKIP_CHECK=1 bench/run.sh         # start-up and sheets only
#
# Needs hyperfine, jq and GNU time (/usr/bin/time); tldr (tealdeer) is measured when
# installed. On Debian or Ubuntu:
#   apt-get install hyperfine jq time tealdeer
#
# pakaz is built twice: as `cargo install --path .` builds it (dynamically linked), and
# statically linked at a fixed address, as the README's "fastest start-up" install builds it
# (an explicit target is needed because proc-macros cannot be linked statically):
#   RUSTFLAGS="$STATIC_FLAGS" cargo build --release --target "$(host triple)"
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-200}
BIG_RUNS=${BIG_RUNS:-15}
OUT=bench/out
mkdir -p "$OUT"

for tool in hyperfine jq /usr/bin/time; do
    if ! command -v "$tool" >/dev/null; then
        echo "bench/run.sh needs $tool: apt-get install hyperfine jq time" >&2
        exit 2
    fi
done

host=$(rustc -vV | sed -n 's/^host: //p')
# Static, and not position-independent: no dynamic loader, and no relocations to apply at
# start-up (a static PIE still relocates itself, touching every page of pointers).
STATIC_FLAGS="-C target-feature=+crt-static -C relocation-model=static"
echo "== building (release; dynamic, and static for $host)"
cargo build --release --quiet
DYN=target/release/pakaz
if [[ $host == *linux-gnu* ]]; then
    RUSTFLAGS="$STATIC_FLAGS" cargo build --release --quiet --target "$host"
    STATIC=target/$host/release/pakaz
else
    echo "static linking is measured on linux-gnu only; using the dynamic build twice" >&2
    STATIC=$DYN
fi

echo "== generating scale sheets and drafts in $OUT"
for n in 1000 10000 100000; do
    if [[ ! -f $OUT/sheet-$n.json || ! -f $OUT/sheet-$n.toml ]]; then
        cargo build --release --quiet --example gen_sheet
        target/release/examples/gen_sheet "$n" "$OUT"
    fi
done
for mb in 1 2 4 8; do
    f=$OUT/draft-${mb}mb.md
    if [[ ! -f $f ]]; then
        # The draft corpus repeated, cut at the size (on a line boundary, so UTF-8 stays whole).
        for _ in $(seq 1 $((mb * 200))); do cat tests/fixtures/drafts/*.md; done >"$f.all"
        head -c $((mb * 1000000)) "$f.all" | sed '$d' >"$f"
        rm "$f.all"
    fi
done

# No user sheets, no colour, no terminal: the same environment for every command.
export NO_COLOR=1 COLUMNS=100
export XDG_CONFIG_HOME=$PWD/$OUT/no-config
unset PAKAZ_FACTS

# median, mean and user + system CPU time of command $2 in hyperfine JSON $1, in ms
median() { jq -r --argjson i "$2" '.results[$i].median * 1000' "$1"; }
mean() { jq -r --argjson i "$2" '.results[$i].mean * 1000' "$1"; }
cpu() { jq -r --argjson i "$2" '(.results[$i].user + .results[$i].system) * 1000' "$1"; }
# The machine may be shared: say how busy it was when each group started.
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"; }
ratio() { jq -r --argjson i "$2" --argjson j "$3" '.results[$i].median / .results[$j].median' "$1"; }
hf() { # hf NAME RUNS [HYPERFINE OPTIONS] COMMAND...
    local name=$1 runs=$2
    shift 2
    # Few warm-up runs for the long commands: one is enough to have the files in the cache.
    local warmup=20
    [[ $runs -lt 20 ]] && warmup=3
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" \
        --export-json "$OUT/$name.json" "$@" >/dev/null 2>>"$OUT/hyperfine.log"
}

echo
echo "== start-up: bundled sheet ($RUNS runs; ratio of medians to /bin/true; CPU = user + system)"
load
ID=tourism.visitors-2024
# Peers doing their own lookup: jq on the bundled facts as JSON, tldr on a one-page cache.
"$DYN" list --format json >"$OUT/bundled.json"
mkdir -p "$OUT/tldr/tldr-pages/pages/common"
printf '# tar\n\n> Archiving utility.\n\n- Create an archive:\n\n`tar cf {{a.tar}} {{file}}`\n' \
    >"$OUT/tldr/tldr-pages/pages/common/tar.md"
export TEALDEER_CACHE_DIR=$PWD/$OUT/tldr
cmds=(/bin/true "$STATIC get $ID" "$STATIC list" "$DYN get $ID" "$DYN list"
    "$STATIC --color auto get $ID" "$STATIC --version"
    "jq -r '.[] | select(.id == \"$ID\") | .value' $OUT/bundled.json")
names=("/bin/true" "pakaz get ID (static)" "pakaz list (static)"
    "pakaz get ID (dynamic, cargo install)" "pakaz list (dynamic, cargo install)"
    "pakaz get ID through clap (static)" "pakaz --version, no sheet (static)"
    "jq lookup on the facts as JSON (peer)")
if command -v tldr >/dev/null; then
    cmds+=("tldr tar")
    names+=("tldr tar (peer)")
fi
if [[ -n ${BEFORE:-} ]]; then
    cmds+=("$BEFORE get $ID" "$BEFORE list")
    names+=("before: pakaz get ID (static)" "before: pakaz list (static)")
fi
if [[ -n ${BEFORE_DYN:-} ]]; then
    cmds+=("$BEFORE_DYN get $ID" "$BEFORE_DYN list")
    names+=("before: pakaz get ID (dynamic)" "before: pakaz list (dynamic)")
fi
hf startup "$RUNS" "${cmds[@]}"
J=$OUT/startup.json
printf '%-44s %9s %9s %7s %8s\n' command "median ms" "mean ms" ratio "CPU ms"
for i in "${!names[@]}"; do
    printf '%-44s %9.3f %9.3f %6.2fx %8.3f\n' "${names[$i]}" "$(median $J "$i")" \
        "$(mean $J "$i")" "$(ratio $J "$i" 0)" "$(cpu $J "$i")"
done

echo
echo "== user sheets: get on N generated facts vs jq on the same file (JSON), and the TOML sheet"
echo "   (medians; CPU = user + system; the build before reads TOML only)"
load
printf '%-8s %-11s %10s %9s %10s %9s %7s %8s %9s %9s\n' facts format "pakaz ms" "CPU ms" \
    "jq ms" "jq CPU" ratio "file MB" "peak MB" "peak/file"
for n in 1000 10000 100000; do
    id=scale.item-$((n / 2))
    json=$OUT/sheet-$n.json
    runs=$RUNS
    [[ $n -ge 100000 ]] && runs=$BIG_RUNS
    formats=(json toml)
    [[ -n ${BEFORE:-} ]] && formats+=(before-toml)
    for format in "${formats[@]}"; do
        bin=$STATIC sheet=$OUT/sheet-$n.$format
        if [[ $format == before-toml ]]; then bin=$BEFORE sheet=$OUT/sheet-$n.toml; fi
        hf "get-$n-$format" "$runs" "$bin --facts $sheet get $id" \
            "jq -r '.facts[] | select(.id == \"$id\") | .value' $json"
        J=$OUT/get-$n-$format.json
        peak=$(/usr/bin/time -f %M "$bin" --facts "$sheet" get "$id" 2>&1 >/dev/null | tail -1)
        size=$(stat -c %s "$sheet")
        printf '%-8s %-11s %10.2f %9.2f %10.2f %9.2f %6.2fx %8.1f %9.1f %8.1fx\n' "$n" "$format" \
            "$(median "$J" 0)" "$(cpu "$J" 0)" "$(median "$J" 1)" "$(cpu "$J" 1)" \
            "$(ratio "$J" 0 1)" "$(echo "$size / 1000000" | bc -l)" \
            "$(echo "$peak / 1000" | bc -l)" "$(echo "$peak * 1024 / $size" | bc -l)"
    done
done
echo "targets at 100000 (JSON): ratio <= 0.35x, peak/file <= 10x; growth linear"

[[ -n ${SKIP_CHECK:-} ]] && exit 0
echo
echo "== check: --all --verbose on drafts (work above start-up = median - median of --version)"
load
checks=("$STATIC --version")
for mb in 1 2 4 8; do checks+=("$STATIC check --all --verbose $OUT/draft-${mb}mb.md"); done
# The 1 MB draft again on one thread (a draft this long is otherwise checked on every core).
checks+=("$STATIC check --all --verbose --threads 1 $OUT/draft-1mb.md")
# check exits 1 when a draft has problems, and the corpus has some on purpose.
hf check "$BIG_RUNS" -i "${checks[@]}"
J=$OUT/check.json
base=$(median $J 0)
printf '%-8s %10s %12s %8s\n' draft "ms" "above start" "per MB"
for k in 1 2 3 4; do
    mb=$((1 << (k - 1)))
    t=$(median $J $k)
    above=$(echo "$t - $base" | bc -l)
    printf '%-8s %10.1f %12.1f %8.1f\n' "${mb} MB" "$t" "$above" "$(echo "$above / $mb" | bc -l)"
done
t=$(median $J 5)
printf '%-8s %10.1f %12.1f %8.1f\n' "1 MB, -j1" "$t" "$(echo "$t - $base" | bc -l)" "$(echo "$t - $base" | bc -l)"
echo "target: <= 50 ms above start-up at 1 MB, linear to 8 MB"
