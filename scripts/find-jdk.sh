# Sourced (not run) by ./sifr, bench/run and bench/jmh: finds a JDK >= 21 and puts it first.
# JAVA_HOME wins when it is new enough, else the newest JDK under /usr/lib/jvm.
# After `use_jdk <tool-name>`: JAVA_HOME and PATH point at it, or the caller has exited with a hint.
MIN_JAVA=21

java_major() { # prints the major version of the JDK at $1, or nothing
  local home="$1" v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$v"
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    local v; v=$(java_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$MIN_JAVA" ]; then echo "$JAVA_HOME"; return; fi
  fi
  local best="" best_v=0 home v
  for home in /usr/lib/jvm/*/; do
    home="${home%/}"
    [ -L "$home" ] && continue
    v=$(java_major "$home")
    if [ -n "$v" ] && [ "$v" -ge "$MIN_JAVA" ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
  done
  echo "$best"
}

use_jdk() { # $1 = name for messages; exports JAVA_HOME and PATH, or exits 1 with an install hint
  local who="$1" jdk
  jdk="$(find_jdk)"
  if [ -z "$jdk" ]; then
    echo "$who: needs a JDK $MIN_JAVA or newer; none found in JAVA_HOME or /usr/lib/jvm." >&2
    echo "      Install one, e.g. 'apt-get install openjdk-21-jdk-headless' (or set JAVA_HOME)." >&2
    exit 1
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}
