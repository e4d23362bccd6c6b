// Compression: an LZ77 compressor with a hash table of recent positions, and its
// decompressor, over semi-repetitive text in linear memory; repeated `rounds` times and
// checked by comparing the round trip. Byte loads and stores, hashing, branchy matching.
#define LEN 262144
#define HBITS 14
static unsigned char src[LEN], out[LEN + LEN / 8 + 16], back[LEN];
static int head[1 << HBITS];

static const char *words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog ",
                              "wasm ", "spec ", "interpreter ", "swift ", "stack ", "frame ", "\n"};

static unsigned hash4(const unsigned char *p) {
    unsigned v = (unsigned)p[0] | (unsigned)p[1] << 8 | (unsigned)p[2] << 16 | (unsigned)p[3] << 24;
    return (v * 2654435761u) >> (32 - HBITS);
}

// Output: a token byte per item: 0..127 = literal run of n+1 bytes follows;
// 128..255 = match of length (t - 128 + 4), followed by a 2-byte distance.
static int compress(int n) {
    for (int i = 0; i < (1 << HBITS); i++) head[i] = -1;
    int ip = 0, op = 0, lit = 0;
    while (ip + 4 <= n) {
        unsigned hv = hash4(src + ip);
        int cand = head[hv];
        head[hv] = ip;
        int len = 0;
        if (cand >= 0 && ip - cand < 65536) {
            while (ip + len < n && len < 131 && src[cand + len] == src[ip + len]) len++;
        }
        if (len >= 4) {
            if (lit) { out[op - lit - 1] = (unsigned char)(lit - 1); lit = 0; }
            int dist = ip - cand;
            out[op++] = (unsigned char)(128 + len - 4);
            out[op++] = (unsigned char)dist;
            out[op++] = (unsigned char)(dist >> 8);
            ip += len;
        } else {
            if (lit == 0) op++;
            out[op++] = src[ip++];
            if (++lit == 128) { out[op - lit - 1] = 127; lit = 0; }
        }
    }
    while (ip < n) {
        if (lit == 0) op++;
        out[op++] = src[ip++];
        if (++lit == 128) { out[op - lit - 1] = 127; lit = 0; }
    }
    if (lit) out[op - lit - 1] = (unsigned char)(lit - 1);
    return op;
}

static int decompress(int m) {
    int ip = 0, op = 0;
    while (ip < m) {
        int t = out[ip++];
        if (t < 128) {
            for (int k = 0; k <= t; k++) back[op++] = out[ip++];
        } else {
            int len = t - 128 + 4;
            int dist = out[ip] | out[ip + 1] << 8;
            ip += 2;
            for (int k = 0; k < len; k++, op++) back[op] = back[op - dist];
        }
    }
    return op;
}

int lz(int rounds) {
    unsigned s = 99;
    int n = 0;
    while (n < LEN) {
        s = s * 1103515245u + 12345u;
        const char *w = words[(s >> 16) % 15];
        while (*w && n < LEN) src[n++] = (unsigned char)*w++;
        if ((s >> 8) % 11 == 0 && n < LEN) src[n++] = (unsigned char)('0' + (s >> 20) % 10);
    }
    int check = 0;
    for (int r = 0; r < rounds; r++) {
        src[r % LEN] ^= 1;
        int m = compress(LEN);
        int k = decompress(m);
        if (k != LEN) return -1;
        for (int i = 0; i < LEN; i += 97) if (back[i] != src[i]) return -2;
        check += m;
    }
    return check;
}
