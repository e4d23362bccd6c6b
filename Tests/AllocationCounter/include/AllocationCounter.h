// Counts heap allocations made by the calling thread, for tests that check the evaluator
// allocates nothing per instruction. Counting works with glibc, where the program's own
// malloc replaces the C library's; elsewhere `allocation_counter_available` is 0.
#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

int allocation_counter_available(void);
void allocation_counter_reset(void);
long allocation_counter_value(void);

#endif
