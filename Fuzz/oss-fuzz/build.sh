#!/bin/bash -eu
# Builds the fuzz targets for OSS-Fuzz and ClusterFuzzLite (their build.sh runs this in
# the base-builder-swift image, from the checkout at $SRC/wasmspec): each executable
# into $OUT, with its options, its seed corpus (the official suite's modules, which the
# Dockerfile fetches, and the kept corpus of Fuzz/corpus) and, for the text targets, the
# dictionary of the text format's words.

# $SWIFTFLAGS: -parse-as-library, the static standard library, and -sanitize=fuzzer with
# $SANITIZER (or coverage instrumentation for coverage builds).
. precompile_swift

cd "$SRC/wasmspec"
targets=$(Fuzz/fuzz.sh list)
for t in $targets; do
  # shellcheck disable=SC2086
  WASMSPEC_FUZZ=1 swift build -c release $SWIFTFLAGS --product "$t"
  cp ".build/release/$t" "$OUT/"
  Fuzz/fuzz.sh options-file "$t" > "$OUT/$t.options"
done

# Seeds: a plain build of the seed tool, without the fuzzing flags.
seeds="$WORK/seeds"
Fuzz/seeds.sh "$seeds"
for t in $targets; do
  (cd "$seeds/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" .)
  if [ -d "Fuzz/corpus/$t" ]; then (cd "Fuzz/corpus/$t" && zip -q -r "$OUT/${t}_seed_corpus.zip" .); fi
  if Fuzz/fuzz.sh takes-dict "$t"; then cp "$seeds/wat.dict" "$OUT/$t.dict"; fi
done
