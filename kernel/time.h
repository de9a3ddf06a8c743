/*
 * kernel/time.h - time since boot (TSC, calibrated against the PIT),
 * jiffies, the wall clock from the CMOS RTC, and sleeping timers.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include "kernel/types.h"
#include "kernel/list.h"

extern volatile unsigned long jiffies;
extern uint64_t tsc_khz;

/* Nanoseconds since boot; 0 until the TSC is calibrated. */
uint64_t ktime_get_ns(void);
/* Wall clock (CLOCK_REALTIME) in nanoseconds since the epoch. */
uint64_t ktime_get_real_ns(void);
void time_init(void);			/* calibrate TSC, read the RTC */
void set_realtime_ns(uint64_t ns);

struct kernel_timespec {
	long tv_sec;
	long tv_nsec;
};

/* A one-shot timer run from the timer interrupt, interrupts off. */
struct timer {
	struct list_head node;
	uint64_t expires_ns;
	void (*fn)(struct timer *t);
	bool pending;
};

void timer_add(struct timer *t, uint64_t expires_ns);
void timer_del(struct timer *t);
void timer_tick(void);			/* from the timer interrupt */

#endif
