// libFuzzer's driver, from clang's libclang_rt.fuzzer_no_main (linked only by scripts/fuzz/build).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
