// Sieve of Eratosthenes over a byte array in linear memory, repeated: load/store-bound.
#define N 1000000
static unsigned char composite[N];

int sieve(int rounds) {
    int count = 0;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < N; i++) composite[i] = 0;
        count = 0;
        for (int i = 2; i < N; i++) {
            if (!composite[i]) {
                count++;
                for (int j = i + i; j < N; j += i) composite[j] = 1;
            }
        }
    }
    return count;
}
