#!/usr/bin/env python3
"""Chooses the kept corpus of one fuzz target (Fuzz/corpus/TARGET) from a libFuzzer merge
control file (`fuzz.sh keep` writes one and runs this):

    python3 Fuzz/keep.py CONTROL-FILE MAX-FILES MAX-BYTES [ALWAYS-KEEP...]

Prints the paths to keep, one a line. The ALWAYS-KEEP files (the target's regression
inputs, Fuzz/corpus/REGRESSIONS) come first, then, greedily, the input that adds the
most coverage edges (libFuzzer's COV lines) not yet covered, the smaller on a tie, until
MAX-FILES inputs or MAX-BYTES bytes are kept or no input adds an edge; inputs that add
no edge but features (FT lines) fill any room left the same way. A greedy set cover
keeps the inputs that reach the most of the code for the least time in `swift test`.
"""

import heapq
import os
import sys


def read_control(path):
    """The files of the merge and, for each, its features and edges."""
    with open(path) as f:
        lines = f.read().splitlines()
    count = int(lines[0])
    files = lines[2 : 2 + count]
    features = [set() for _ in files]
    edges = [set() for _ in files]
    for line in lines[2 + count :]:
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("FT", "COV"):
            i = int(parts[1])
            (features if parts[0] == "FT" else edges)[i].update(parts[2:])
    return files, features, edges


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    files, features, edges = read_control(sys.argv[1])
    max_files, max_bytes = int(sys.argv[2]), int(sys.argv[3])
    always = [os.path.abspath(p) for p in sys.argv[4:]]
    size = {p: os.path.getsize(p) for p in files if os.path.exists(p)}
    index = {os.path.abspath(p): i for i, p in enumerate(files)}

    kept, seen_files, seen_bytes = [], set(), 0
    covered_edges, covered_features = set(), set()

    def keep(i):
        nonlocal seen_bytes
        kept.append(files[i])
        seen_files.add(i)
        seen_bytes += size.get(files[i], 0)
        covered_edges.update(edges[i])
        covered_features.update(features[i])

    for p in always:
        if p in index:
            keep(index[p])
        else:
            print(p)  # a regression input the merge did not see: kept all the same
    # Lazy greedy: an input's gain only shrinks as more is covered, so a gain taken
    # from the heap that is still current after recounting is the largest.
    for sets, covered in ((edges, covered_edges), (features, covered_features)):
        heap = [(-len(sets[i]), size[files[i]], i) for i in range(len(files)) if files[i] in size and i not in seen_files]
        heapq.heapify(heap)
        while heap and len(kept) < max_files:
            _, s, i = heapq.heappop(heap)
            if i in seen_files or seen_bytes + s > max_bytes:
                continue
            gain = len(sets[i] - covered)
            if gain == 0:
                continue
            if heap and -heap[0][0] > gain:
                heapq.heappush(heap, (-gain, s, i))
                continue
            keep(i)
    for p in kept:
        print(p)
    print(
        f"kept {len(kept)} of {len(files)} inputs, {seen_bytes} bytes, "
        f"{len(covered_edges)} edges and {len(covered_features)} features",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
