// libFuzzer's entry for programs that have a main function of their own.
//
// SwiftPM links an executable's entry point under the name `<Module>_main`, so a Swift
// fuzz target cannot leave `main` to libFuzzer; it defines `<Module>_main` and hands
// control to libFuzzer's driver through this declaration (LLVMFuzzerRunDriver is part
// of the libFuzzer runtime that `-sanitize=fuzzer` links).

#ifndef CFUZZDRIVER_H
#define CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

/// The function libFuzzer calls with each input.
typedef int (*wasmspec_fuzz_callback)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver on the command line `argc`/`argv` with `callback` as the
/// fuzz target; returns the driver's exit status.
int wasmspec_fuzz_run(int argc, char **argv, wasmspec_fuzz_callback callback);

/// libFuzzer's own mutation of `data` (`size` bytes, room for `max_size`), for a custom
/// mutator that falls back to it; returns the new size.
size_t wasmspec_fuzz_mutate(uint8_t *data, size_t size, size_t max_size);

#endif
