// Table-driven CRC-32 over a buffer in linear memory, repeated: byte loads, table
// lookups, shifts and xors in a tight loop.
#define LEN 1000000
static unsigned char buf[LEN];
static unsigned int table[256];

unsigned crc32(int rounds) {
    for (unsigned i = 0; i < 256; i++) {
        unsigned c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    unsigned s = 7;
    for (int i = 0; i < LEN; i++) { s = s * 1664525u + 1013904223u; buf[i] = (unsigned char)(s >> 24); }
    unsigned crc = 0;
    for (int r = 0; r < rounds; r++) {
        unsigned c = 0xFFFFFFFFu ^ crc;
        for (int i = 0; i < LEN; i++) c = table[(c ^ buf[i]) & 0xFF] ^ (c >> 8);
        crc = c ^ 0xFFFFFFFFu;
    }
    return crc;
}
