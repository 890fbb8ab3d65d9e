# shellcheck shell=bash
# Sourced by bin/apiary and bin/test: find a JDK that can build and run Apiary.
# The build uses maven.compiler.release=21, and Debian 12's default java is 17,
# so we cannot simply use whatever `java` is first on PATH.

APIARY_MIN_JAVA=21

# Print the major version of the JDK at $1 (e.g. 25), or nothing if it is not a JDK.
apiary_jdk_major() {
    local home=$1 v=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    # The `release` file is cheap to read; fall back to starting the JVM.
    if [ -r "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [ -z "$v" ]; then
        v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
    fi
    case $v in
        1.*) v=${v#1.} ;;   # "1.8.0_392" means Java 8
    esac
    v=${v%%[!0-9]*}
    [ -n "$v" ] && echo "$v"
    return 0
}

# Print the home of a JDK >= 21, preferring $JAVA_HOME, then Temurin, then any
# other JDK under /usr/lib/jvm (Linux) or /usr/local (FreeBSD ports).
# Returns 1 with an explanation on stderr if there is none.
apiary_find_jdk() {
    local cand major
    local -a cands=()
    [ -n "${JAVA_HOME:-}" ] && cands+=("$JAVA_HOME")
    # Newest first: sort -V -r puts temurin-25 before temurin-21.
    while IFS= read -r cand; do cands+=("$cand"); done < <(
        { ls -d /usr/lib/jvm/temurin-2* 2>/dev/null | sort -V -r
          ls -d /usr/lib/jvm/* /usr/local/openjdk* 2>/dev/null | sort -V -r; } )
    for cand in "${cands[@]}"; do
        major=$(apiary_jdk_major "$cand")
        if [ -n "$major" ] && [ "$major" -ge "$APIARY_MIN_JAVA" ]; then
            echo "$cand"
            return 0
        fi
    done
    {
        echo "apiary: no JDK >= $APIARY_MIN_JAVA found (looked at \$JAVA_HOME${JAVA_HOME:+=$JAVA_HOME}, /usr/lib/jvm/*, /usr/local/openjdk*)."
        echo "  Debian/Ubuntu: install Temurin from https://adoptium.net/installation/linux/ (apt-get install temurin-25-jdk);"
        echo "                 Debian 12's own openjdk-17 is too old."
        echo "  FreeBSD:       pkg install openjdk21  (or openjdk25)"
        echo "  Or set JAVA_HOME to a JDK >= $APIARY_MIN_JAVA."
    } >&2
    return 1
}

# Make sure `mvn` exists. Debian's `maven` package is enough (no wrapper: the
# network may only reach Debian and Maven Central). As root we install it,
# otherwise we say what to install.
apiary_ensure_mvn() {
    command -v mvn >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "apiary: mvn not found; installing Debian package 'maven'" >&2
        apiary_apt_install maven && command -v mvn >/dev/null 2>&1 && return 0
    fi
    echo "apiary: Maven (mvn >= 3.8) is required: apt-get install maven (Debian), pkg install maven (FreeBSD)" >&2
    return 1
}

# apt-get install the given packages; run `apt-get update` only when a package
# cannot be found (fresh images often have empty package lists, but updating
# every time is slow). The lock timeout lets us wait for unattended-upgrades.
apiary_apt_install() {
    local -a apt=(apt-get -o DPkg::Lock::Timeout=900)
    export DEBIAN_FRONTEND=noninteractive
    if ! "${apt[@]}" install -y --no-install-recommends "$@"; then
        "${apt[@]}" update && "${apt[@]}" install -y --no-install-recommends "$@"
    fi
}

# The JVM options Maven needs under a recent JDK: Debian's Maven 3.8.7 bundles a
# Guava that calls sun.misc.Unsafe, which JDK >= 24 warns about on every run.
apiary_maven_opts() {
    local major
    major=$(apiary_jdk_major "$1")
    if [ -n "$major" ] && [ "$major" -ge 24 ]; then
        echo "--sun-misc-unsafe-memory-access=allow ${MAVEN_OPTS:-}"
    else
        echo "${MAVEN_OPTS:-}"
    fi
}
