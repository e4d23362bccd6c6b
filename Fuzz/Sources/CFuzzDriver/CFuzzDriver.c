#include "CFuzzDriver.h"

// Provided by the libFuzzer runtime (compiler-rt's FuzzerDriver.cpp).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);

int wasmspec_fuzz_run(int argc, char **argv, wasmspec_fuzz_callback callback) {
    return LLVMFuzzerRunDriver(&argc, &argv, callback);
}

size_t wasmspec_fuzz_mutate(uint8_t *data, size_t size, size_t max_size) {
    return LLVMFuzzerMutate(data, size, max_size);
}
