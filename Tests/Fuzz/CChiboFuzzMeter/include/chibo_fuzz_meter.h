// Peak heap growth of one fuzz input, measured through the sanitizer allocator's malloc hooks.
#include <stddef.h>

/// Installs the hooks; 0 when the program runs without a sanitizer allocator (no measuring).
int chibo_fuzz_meter_install(void);
/// Starts a measurement: the peak is reset to the bytes allocated now.
void chibo_fuzz_meter_begin(void);
/// The highest number of bytes allocated since `begin`, minus the bytes allocated at `begin`.
size_t chibo_fuzz_meter_peak_growth(void);
