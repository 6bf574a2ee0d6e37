#!/usr/bin/env bash
# An implementation of the benchmark contract that is another one (BASE, a contract folder) started with an
# application class-data sharing archive (AppCDS, JDK 13+): the classes its receiver and sender load are parsed and
# verified once, at build time, and mapped from the archive at every start. Same code, same jars, same JAVA_OPTS;
# only -XX:SharedArchiveFile is added. A start-up deployment option any JVM program has; the plain BASE folder shows
# the same code without it.
#
#   cds-variant.sh build|info|receiver|sender NAME BASE_DIR [contract arguments...]
#
# build: BASE's build, then, when BASE's jars are newer than the archives, one training run (a short throughput run,
# which also looks actors up and stops the receiver) with -XX:ArchiveClassesAtExit, writing
# target/receiver.jsa and target/sender.jsa in this variant's folder (NAME's folder, beside this script).
# A missing or stale archive is not an error at run time: the JVM warns and starts without it.
set -euo pipefail
cmd=$1 name=$2 base=$3
shift 3
here="$(cd "$(dirname "$0")" && pwd)/$name"
out="$here/target"
base_name=$(basename "$base")

case $cmd in
  build)
    "$base/build"
    mkdir -p "$out"
    newest_jar=$(find "$base/target" -maxdepth 2 -name '*.jar' -newer "$out/sender.jsa" 2>/dev/null | head -1 || true)
    if [[ -f $out/receiver.jsa && -f $out/sender.jsa && -z $newest_jar ]]; then exit 0; fi
    rm -f "$out/receiver.jsa" "$out/sender.jsa"
    echo "training the class-data archives of $name" >&2
    log="$out/training.log"
    JAVA_OPTS="${JAVA_OPTS:-} -XX:ArchiveClassesAtExit=$out/receiver.jsa" "$base/receiver" --port 0 --max-seconds 60 >"$log" 2>&1 &
    rpid=$!
    port=""
    for _ in $(seq 300); do
      port=$(grep -o '"event":"ready".*"port":[0-9]*' "$log" | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
      [[ -n $port ]] && break
      kill -0 $rpid 2>/dev/null || break
      sleep 0.1
    done
    [[ -n $port ]] || { echo "error: the training receiver did not start (see $log)" >&2; kill $rpid 2>/dev/null || true; exit 1; }
    JAVA_OPTS="${JAVA_OPTS:-} -XX:ArchiveClassesAtExit=$out/sender.jsa" "$base/sender" --target "127.0.0.1:$port" \
      --scenario throughput --size 100 --warmup 1 --duration 1 --max-seconds 60 >>"$log" 2>&1
    wait $rpid || true
    [[ -f $out/receiver.jsa && -f $out/sender.jsa ]] || { echo "error: no archives written (see $log)" >&2; exit 1; }
    ;;
  info)
    "$base/info" | sed -e "s/\"impl\":\"$base_name\"/\"impl\":\"$name\"/" -e 's/"version":"/"version":"with an AppCDS archive: /'
    ;;
  receiver)
    # exec: the runner measures the receiver's peak RSS on the process it started
    JAVA_OPTS="${JAVA_OPTS:-} -XX:SharedArchiveFile=$out/receiver.jsa" exec "$base/receiver" "$@"
    ;;
  sender)
    set +e -o pipefail
    JAVA_OPTS="${JAVA_OPTS:-} -XX:SharedArchiveFile=$out/sender.jsa" "$base/sender" "$@" \
      | sed -u "s/^{\"event\":\"\([a-z]*\)\",\"impl\":\"$base_name\"/{\"event\":\"\1\",\"impl\":\"$name\"/"
    ;;
  *) echo "usage: cds-variant.sh build|info|receiver|sender NAME BASE_DIR [args]" >&2; exit 2 ;;
esac
