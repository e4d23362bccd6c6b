#!/bin/bash -eu
# ClusterFuzzLite builds the fuzz targets as OSS-Fuzz does.
exec "$SRC/wasmspec/Fuzz/oss-fuzz/build.sh"
