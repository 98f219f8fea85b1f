# Sourced by bench/run and bench/jmh: finds the JDK (same logic as ./sifr), builds the bench module
# (and the library it measures) when it is missing or older than the sources, and sets BENCH_CP.
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=../scripts/find-jdk.sh
. "$ROOT/scripts/find-jdk.sh"
use_jdk "${BENCH_TOOL:-bench}"

BENCH_STAMP="$BENCH_DIR/target/.built"

bench_needs_build() {
  [ -f "$BENCH_STAMP" ] && [ -f "$BENCH_DIR/target/classpath.txt" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/library/pom.xml" "$BENCH_DIR/pom.xml" \
             "$ROOT/library/src/main" "$ROOT/library/src/test/java/sifr/testing/MemoryByteStreams.java" \
             "$BENCH_DIR/src/main" -newer "$BENCH_STAMP" -print -quit)" ]
}

bench_build() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "${BENCH_TOOL:-bench}: needs Apache Maven ('apt-get install maven')." >&2
    exit 1
  fi
  local log="$BENCH_DIR/target/build.log"
  mkdir -p "$BENCH_DIR/target"
  echo "${BENCH_TOOL:-bench}: building library + bench module (first run or sources changed) ..." >&2
  if ! (cd "$ROOT" && mvn -B -ntp -q -DskipTests -pl bench -am package) >"$log" 2>&1; then
    cat "$log" >&2
    echo "${BENCH_TOOL:-bench}: build failed (log above, also in $log)" >&2
    exit 1
  fi
  touch "$BENCH_STAMP"
}

if bench_needs_build; then bench_build; fi
# The library's own classes first: classpath.txt names the jar in ~/.m2, which is whatever was installed
# last (by any checkout), not necessarily this one's.
BENCH_CP="$ROOT/library/target/classes:$BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/classpath.txt")"
export BENCH_CP
