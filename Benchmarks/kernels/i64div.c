// 64-bit integer numerics: division, remainder and multiplication (a gcd, a modular
// exponentiation and a digit sum per iteration).
static unsigned long long gcd(unsigned long long a, unsigned long long b) {
    while (b) { unsigned long long t = a % b; a = b; b = t; }
    return a;
}

static unsigned long long powmod(unsigned long long b, unsigned long long e, unsigned long long m) {
    unsigned long long r = 1;
    b %= m;
    while (e) {
        if (e & 1) r = (r * b) % m;
        b = (b * b) % m;
        e >>= 1;
    }
    return r;
}

long long i64div(int n) {
    unsigned long long acc = 0, x = 0x9E3779B97F4A7C15ull;
    for (int i = 1; i <= n; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        acc += gcd(x | 1, (unsigned long long)i * 2654435761ull + 1);
        acc += powmod(x, (unsigned long long)i, 1000000007ull);
        long long v = (long long)(x >> 1) - (long long)acc;
        while (v / 10 != 0) { acc += (unsigned long long)(v % 10); v /= 10; }
    }
    return (long long)acc;
}
