#include "chibo_fuzz_meter.h"

// Weak, so that the file links without a sanitizer runtime as well (then nothing is measured).
extern int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                                     void (*free_hook)(const volatile void *)) __attribute__((weak));
extern size_t __sanitizer_get_current_allocated_bytes(void) __attribute__((weak));

static size_t base;
static size_t peak;
static int installed;

static void on_malloc(const volatile void *ptr, size_t size) {
  (void)ptr;
  (void)size;
  size_t now = __sanitizer_get_current_allocated_bytes();
  if (now > peak) peak = now;
}

static void on_free(const volatile void *ptr) { (void)ptr; }

int chibo_fuzz_meter_install(void) {
  if (installed) return 1;
  if (!__sanitizer_install_malloc_and_free_hooks || !__sanitizer_get_current_allocated_bytes) return 0;
  installed = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free) != 0;
  return installed;
}

void chibo_fuzz_meter_begin(void) {
  if (!installed) return;
  base = __sanitizer_get_current_allocated_bytes();
  peak = base;
}

size_t chibo_fuzz_meter_peak_growth(void) {
  if (!installed) return 0;
  return peak > base ? peak - base : 0;
}

// SwiftPM links an executable target with `--defsym main=<target>_main`: this entry point hands the
// program to libFuzzer's driver (libFuzzer's own main is then not linked).
#include <stdint.h>
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size))
    __attribute__((weak));
extern int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int chibo_fuzz_main(int argc, char **argv) {
  if (!LLVMFuzzerRunDriver) return 2;
  return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
