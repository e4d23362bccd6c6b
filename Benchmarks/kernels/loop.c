// A tight i64 loop: multiply, add, shift and xor on a 64-bit state.
long long loop(int n) {
    long long s = 0;
    for (int i = 0; i < n; i++) {
        s = s * 6364136223846793005LL + i;
        s ^= s >> 29;
    }
    return s;
}
