// Dense f64 matrix multiply, n x n with n <= 256, returning a checksum of the product.
#define MAX 256
static double a[MAX * MAX], b[MAX * MAX], c[MAX * MAX];

double matmul(int n) {
    if (n > MAX) n = MAX;
    for (int i = 0; i < n * n; i++) {
        a[i] = (double)(i % 7) * 0.5 + 1.0;
        b[i] = (double)(i % 5) * 0.25 - 0.5;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double sum = 0.0;
            for (int k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
    double checksum = 0.0;
    for (int i = 0; i < n * n; i++) checksum += c[i] * (double)(i % 3 + 1);
    return checksum;
}
