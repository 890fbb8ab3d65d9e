#!/usr/bin/env bash
# The allocation-candidates engine alone, in process (see EngineBench.java): compiles the bench
# against this checkout's placement classes and runs it. Arguments: scenarios (flat:N, nested:N).
#   bench/placement/engine.sh flat:1000 nested:1000 flat:10000
# Env: APIARY_ROOT (checkout, default this one; placement must be built: mvn -pl placement -am install
# -DskipTests), JAVA_HOME (JDK >= 21), ITER (timed runs per query, default 200).
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
ROOT=${APIARY_ROOT:-$(cd "$HERE/../.." && pwd)}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
(cd "$ROOT" && mvn -B -q -o -pl placement dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null)
CP="$ROOT/placement/target/classes:$(cat "$OUT/cp.txt")"
# Compiled onto the application class path (not run as a single-file program) because it uses
# package-private classes of org.apiary.placement.api.
"$JAVA_HOME/bin/javac" -d "$OUT" -cp "$CP" "$HERE/EngineBench.java"
"$JAVA_HOME/bin/java" -Diter="${ITER:-200}" -cp "$OUT:$CP" org.apiary.placement.api.EngineBench "$@"
