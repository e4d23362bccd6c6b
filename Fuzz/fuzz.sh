#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer, and runs one:
#
#     Fuzz/fuzz.sh TARGET [--seconds N | --runs N] [-- LIBFUZZER-OPTION...]
#     Fuzz/fuzz.sh build [TARGET...]          build only (every target by default)
#     Fuzz/fuzz.sh replay TARGET FILE...      run inputs once each, no fuzzing
#     Fuzz/fuzz.sh ci SECONDS                 every target for SECONDS each, then the
#                                             kept corpus replayed; fails on a finding
#     Fuzz/fuzz.sh keep TARGET FILES BYTES    remakes the kept corpus Fuzz/corpus/TARGET:
#                                             at most FILES inputs and BYTES bytes of the
#                                             kept and campaign corpora that cover the
#                                             most (Fuzz/keep.py), and its regressions
#     Fuzz/fuzz.sh list                       the targets
#     Fuzz/fuzz.sh options-file TARGET        its libFuzzer options, as OSS-Fuzz reads them
#
# TARGET is an executable name (FuzzDecode) or the target's short name (decode).
# A run reads the kept corpus (Fuzz/corpus/TARGET) and the seeds (Fuzz/seeds.sh makes
# them in .build-fuzz/seeds/TARGET) and writes what it learns to .build-fuzz/corpus/TARGET;
# a crash, a sanitizer report, a finding or an input slower than the timeout (1 s)
# stops it and leaves the input in .build-fuzz/findings/TARGET. The build directory is
# $WASMSPEC_FUZZ_BUILD (default .build-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=${WASMSPEC_FUZZ_BUILD:-.build-fuzz}
targets=(FuzzDecode FuzzParseText FuzzParseScript FuzzValidate FuzzRoundTrip FuzzRunReference FuzzRunCompiled FuzzDifferential)

# OSS-Fuzz's Swift flags ($SWIFTFLAGS of base-builder-swift's precompile_swift), minus the
# static standard library: coverage instrumentation and AddressSanitizer everywhere.
swift_flags=(-c release --scratch-path "$scratch" -Xswiftc -parse-as-library -Xswiftc -sanitize=fuzzer,address --sanitize=address)

# AddressSanitizer while fuzzing: no leak detection (Swift keeps enum tags in the spare
# bits of object pointers, which LeakSanitizer takes for lost objects), and no stacks
# of where memory was allocated, which costs a third of the time of a run target
# (`replay` reports a finding again with them).
asan_fuzzing=detect_leaks=0:malloc_context_size=0
asan_replay=detect_leaks=0

usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
}

executable() {
  local t=$1
  for e in "${targets[@]}"; do
    if [ "$e" = "$t" ] || [ "$(echo "${e#Fuzz}" | tr '[:upper:]' '[:lower:]')" = "$(echo "$t" | tr '[:upper:]' '[:lower:]')" ]; then
      echo "$e"
      return
    fi
  done
  echo "fuzz.sh: no target $t (Fuzz/fuzz.sh list)" >&2
  exit 2
}

build() {
  for e in "$@"; do
    WASMSPEC_FUZZ=1 swift build "${swift_flags[@]}" --product "$e" >&2
  done
}

binary() { echo "$scratch/release/$1"; }

# What each target reads: the longest input, and whether it takes the dictionary of
# the text format's words (Fuzz/seeds.sh writes it).
max_len() {
  case $1 in
    FuzzParseText|FuzzParseScript) echo 8192 ;;
    FuzzRunReference|FuzzRunCompiled|FuzzDifferential) echo 4096 ;;
    *) echo 16384 ;;
  esac
}
takes_dict() { case $1 in FuzzParseText|FuzzParseScript) return 0 ;; *) return 1 ;; esac; }

# libFuzzer options of a run: input size, dictionary, timeout, where findings go.
options() {
  local e=$1
  local opts=(-timeout=1 -rss_limit_mb=2048 -print_final_stats=1 -close_fd_mask=1 -max_len="$(max_len "$e")"
    -artifact_prefix="$scratch/findings/$e/")
  if takes_dict "$e" && [ -f "$scratch/seeds/wat.dict" ]; then opts+=(-dict="$scratch/seeds/wat.dict"); fi
  mkdir -p "$scratch/findings/$e"
  printf '%s\n' "${opts[@]}"
}

# The same as an OSS-Fuzz options file (TARGET.options beside the executable).
options_file() {
  local e=$1
  printf '[libfuzzer]\nmax_len = %s\ntimeout = 1\nclose_fd_mask = 1\n' "$(max_len "$e")"
  if takes_dict "$e"; then printf 'dict = %s.dict\n' "$e"; fi
}

# The corpus folders of a run: the one it writes first, then those it only reads.
corpora() {
  local e=$1
  mkdir -p "$scratch/corpus/$e"
  echo "$scratch/corpus/$e"
  if [ -d "Fuzz/corpus/$e" ]; then echo "Fuzz/corpus/$e"; fi
  if [ -d "$scratch/seeds/$e" ]; then echo "$scratch/seeds/$e"; fi
}

run() {
  local e=$1
  shift
  local limit=()
  local extra=()
  while [ $# -gt 0 ]; do
    case $1 in
      --seconds) limit=(-max_total_time="$2"); shift 2 ;;
      --runs) limit=(-runs="$2"); shift 2 ;;
      --) shift; extra=("$@"); break ;;
      *) usage ;;
    esac
  done
  build "$e"
  if [ ! -d "$scratch/seeds/$e" ]; then echo "fuzz.sh: no seeds for $e (Fuzz/seeds.sh makes them)" >&2; fi
  local opts corpus
  mapfile -t opts < <(options "$e")
  mapfile -t corpus < <(corpora "$e")
  ASAN_OPTIONS=${ASAN_OPTIONS:-$asan_fuzzing} "$(binary "$e")" "${opts[@]}" "${limit[@]}" "${extra[@]}" "${corpus[@]}"
}

replay() {
  local e=$1
  shift
  build "$e"
  local opts
  mapfile -t opts < <(options "$e")
  ASAN_OPTIONS=${ASAN_OPTIONS:-$asan_replay} "$(binary "$e")" "${opts[@]}" -runs=1 "$@"
}

ci() {
  local seconds=$1
  build "${targets[@]}"
  for e in "${targets[@]}"; do
    echo "== $e: $seconds s"
    rm -rf "${scratch:?}/findings/$e"
    local opts corpus
    mapfile -t opts < <(options "$e")
    mapfile -t corpus < <(corpora "$e")
    ASAN_OPTIONS=${ASAN_OPTIONS:-$asan_fuzzing} "$(binary "$e")" "${opts[@]}" -max_total_time="$seconds" "${corpus[@]}" 2>&1 \
      | grep -E '^(#[0-9]+ +DONE|stat::|==[0-9]+==|FINDING|SUMMARY|  [a-z].*: [0-9]+$)' || true
    # libFuzzer exits non-zero on a finding; the pipeline hides that, so check for it.
    if [ -n "$(ls -A "$scratch/findings/$e" 2>/dev/null)" ]; then
      echo "fuzz.sh: $e found inputs: $(ls "$scratch/findings/$e")" >&2
      exit 1
    fi
    # The kept corpus, each input once (libFuzzer runs files given by name one by one).
    if [ -d "Fuzz/corpus/$e" ]; then
      local log="$scratch/findings/$e/replay.log"
      ASAN_OPTIONS=${ASAN_OPTIONS:-$asan_replay} "$(binary "$e")" "${opts[@]}" -runs=1 "Fuzz/corpus/$e"/* > "$log" 2>&1 \
        || { tail -n 40 "$log" >&2; echo "fuzz.sh: $e fails on its kept corpus" >&2; exit 1; }
      echo "replayed the kept corpus: $(ls "Fuzz/corpus/$e" | wc -l) inputs"
      rm -f "$log"
    fi
  done
}

# The regression inputs of a target: the files Fuzz/corpus/REGRESSIONS lists for it
# ("TARGET FILE what it found"), which every remake of the kept corpus keeps.
regressions() {
  local e=$1
  [ -f Fuzz/corpus/REGRESSIONS ] || return 0
  awk -v t="$e" '$1 == t { print "Fuzz/corpus/" t "/" $2 }' Fuzz/corpus/REGRESSIONS
}

keep() {
  local e=$1 files=$2 bytes=$3
  build "$e"
  local work="$scratch/keep/$e"
  rm -rf "$work"
  mkdir -p "$work/merged" "$work/kept" "$scratch/corpus/$e"
  # Only what fuzzing found, never a seed (the suite's modules are not committed):
  # libFuzzer may rediscover one, so inputs with a seed's content are left out.
  mkdir -p "$work/inputs"
  local seeds="$work/seed-hashes"
  : > "$seeds"
  if [ -d "$scratch/seeds/$e" ]; then (cd "$scratch/seeds/$e" && find . -type f -exec sha1sum {} + | cut -d' ' -f1) > "$seeds"; fi
  local f h
  for f in "$scratch/corpus/$e"/* Fuzz/corpus/"$e"/*; do
    [ -f "$f" ] || continue
    h=$(sha1sum < "$f" | cut -d' ' -f1)
    if ! grep -qx "$h" "$seeds"; then ln -f "$f" "$work/inputs/$h" 2>/dev/null || cp "$f" "$work/inputs/$h"; fi
  done
  local opts always chosen
  mapfile -t opts < <(options "$e")
  mapfile -t always < <(regressions "$e")
  # A regression input by the name the merge saw it under (the same: its content hash).
  for i in "${!always[@]}"; do
    if [ -f "$work/inputs/$(basename "${always[$i]}")" ]; then always[$i]="$work/inputs/$(basename "${always[$i]}")"; fi
  done
  # A merge measures what each input covers (the control file) in a child process
  # that outlives a crash or a timeout; the long timeout allows for a busy machine.
  ASAN_OPTIONS=${ASAN_OPTIONS:-$asan_fuzzing} "$(binary "$e")" "${opts[@]}" -timeout=10 -merge=1 \
    -merge_control_file="$work/control" "$work/merged" "$work/inputs" >&2
  mapfile -t chosen < <(python3 Fuzz/keep.py "$work/control" "$files" "$bytes" "${always[@]}")
  # Named by content, as libFuzzer names what it finds.
  for f in "${chosen[@]}"; do cp "$f" "$work/kept/$(sha1sum < "$f" | cut -d' ' -f1)"; done
  rm -rf "Fuzz/corpus/$e"
  mkdir -p Fuzz/corpus
  mv "$work/kept" "Fuzz/corpus/$e"
  echo "Fuzz/corpus/$e: $(ls "Fuzz/corpus/$e" | wc -l) inputs, $(cat "Fuzz/corpus/$e"/* | wc -c) bytes" >&2
}

[ $# -ge 1 ] || usage
case $1 in
  list) printf '%s\n' "${targets[@]}" ;;
  options-file) [ $# -eq 2 ] || usage; options_file "$(executable "$2")" ;;
  takes-dict) [ $# -eq 2 ] || usage; takes_dict "$(executable "$2")" ;;
  build)
    shift
    if [ $# -eq 0 ]; then build "${targets[@]}"; else for t in "$@"; do build "$(executable "$t")"; done; fi ;;
  replay) [ $# -ge 3 ] || usage; e=$(executable "$2"); shift 2; replay "$e" "$@" ;;
  ci) [ $# -eq 2 ] || usage; ci "$2" ;;
  keep) [ $# -eq 4 ] || usage; keep "$(executable "$2")" "$3" "$4" ;;
  -h|--help|help) usage ;;
  *) e=$(executable "$1"); shift; run "$e" "$@" ;;
esac
