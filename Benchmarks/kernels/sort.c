// Quicksort through a comparison callback (call_indirect per comparison) on a
// pseudo-random array, repeated: call-bound.
#define N 100000
static int data[N];

typedef int (*compare_fn)(int, int);

__attribute__((noinline)) static int less(int x, int y) { return x < y; }

static void quicksort(int *v, int lo, int hi, compare_fn cmp) {
    while (lo < hi) {
        int pivot = v[(lo + hi) >> 1];
        int i = lo, j = hi;
        while (i <= j) {
            while (cmp(v[i], pivot)) i++;
            while (cmp(pivot, v[j])) j--;
            if (i <= j) {
                int t = v[i]; v[i] = v[j]; v[j] = t;
                i++; j--;
            }
        }
        if (j - lo < hi - i) { quicksort(v, lo, j, cmp); lo = i; }
        else { quicksort(v, i, hi, cmp); hi = j; }
    }
}

int sort(int rounds) {
    volatile compare_fn cmp = less;
    int check = 0;
    for (int r = 0; r < rounds; r++) {
        unsigned s = 12345u + (unsigned)r;
        for (int i = 0; i < N; i++) { s = s * 1103515245u + 12345u; data[i] = (int)(s >> 1); }
        quicksort(data, 0, N - 1, cmp);
        check += data[N / 2] & 0xffff;
    }
    return check;
}
