/*
 * kernel/time.c - clocks and timers.
 *
 * CLOCK_MONOTONIC is the TSC scaled by tsc_khz, measured at boot against
 * the PIT's fixed 1.193182 MHz.  CLOCK_REALTIME adds the CMOS RTC's time
 * at boot.  Timers sit on one list sorted by expiry, run from the timer
 * interrupt with interrupts off.
 */
#include "kernel/time.h"
#include "kernel/x86.h"
#include "kernel/printk.h"
#include "kernel/param.h"

volatile unsigned long jiffies;
uint64_t tsc_khz;
static uint64_t tsc_boot;
static uint64_t realtime_offset_ns;
static LIST_HEAD(timer_list);

#define PIT_HZ 1193182UL

uint64_t ktime_get_ns(void)
{
	uint64_t d;

	if (!tsc_khz)
		return 0;
	d = rdtsc() - tsc_boot;
	/* d * 10^6 / khz without overflow for years of uptime. */
	return (d / tsc_khz) * 1000000UL + (d % tsc_khz) * 1000000UL / tsc_khz;
}

uint64_t ktime_get_real_ns(void)
{
	return realtime_offset_ns + ktime_get_ns();
}

void set_realtime_ns(uint64_t ns)
{
	realtime_offset_ns = ns - ktime_get_ns();
}

/* Count TSC ticks across 50 ms of PIT channel 2 (speaker gate, no speaker). */
static uint64_t calibrate_tsc_khz(void)
{
	const unsigned long ms = 50, count = PIT_HZ * ms / 1000;
	uint64_t t0, t1;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(0x43, 0xb0);			/* ch 2, lo/hi, mode 0 */
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	t0 = rdtsc();
	while (!(inb(0x61) & 0x20))
		cpu_relax();
	t1 = rdtsc();
	return (t1 - t0) / ms;
}

static uint8_t cmos_read(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static unsigned bcd(uint8_t v, bool is_bcd)
{
	return is_bcd ? (v & 0x0f) + (v >> 4) * 10 : v;
}

/* Days from 1970-01-01 to y-m-d (civil calendar). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static uint64_t rtc_read_ns(void)
{
	uint8_t s, mi, h, d, mo, y, regb;

	while (cmos_read(0x0a) & 0x80)		/* update in progress */
		cpu_relax();
	s = cmos_read(0x00); mi = cmos_read(0x02); h = cmos_read(0x04);
	d = cmos_read(0x07); mo = cmos_read(0x08); y = cmos_read(0x09);
	regb = cmos_read(0x0b);
	bool is_bcd = !(regb & 0x04);
	long days = days_from_civil(2000 + bcd(y, is_bcd), bcd(mo, is_bcd),
				    bcd(d, is_bcd));
	uint64_t secs = (uint64_t)days * 86400 + bcd(h & 0x7f, is_bcd) * 3600 +
			bcd(mi, is_bcd) * 60 + bcd(s, is_bcd);
	return secs * 1000000000UL;
}

void time_init(void)
{
	uint64_t start = rdtsc();

	tsc_khz = calibrate_tsc_khz();
	if (!tsc_khz)
		tsc_khz = 1000000;	/* a broken PIT: assume 1 GHz */
	tsc_boot = start - 50 * tsc_khz;
	realtime_offset_ns = rtc_read_ns() - ktime_get_ns();
	pr_info("tsc: Detected %lu.%03lu MHz processor\n",
		tsc_khz / 1000, tsc_khz % 1000);
}

void timer_add(struct timer *t, uint64_t expires_ns)
{
	unsigned long flags = local_irq_save();
	struct timer *pos;

	if (t->pending)
		list_del(&t->node);
	t->expires_ns = expires_ns;
	t->pending = true;
	list_for_each_entry(pos, &timer_list, node)
		if (pos->expires_ns > expires_ns)
			break;
	list_add_tail(&t->node, &pos->node);
	local_irq_restore(flags);
}

void timer_del(struct timer *t)
{
	unsigned long flags = local_irq_save();

	if (t->pending) {
		list_del(&t->node);
		t->pending = false;
	}
	local_irq_restore(flags);
}

/*
 * jiffies follow the clock, not the count of interrupts: a tick that
 * comes late (TCG on a busy host) is caught up, as 6.1's
 * tick_do_update_jiffies64 does, so a 5 s rate-limit window is 5 s.
 */
static void update_jiffies(uint64_t now)
{
	unsigned long j = (unsigned long)(now / (1000000000UL / HZ));

	if (j > jiffies)
		jiffies = j;
}

void timer_tick(void)
{
	uint64_t now = ktime_get_ns();

	update_jiffies(now);
	while (!list_empty(&timer_list)) {
		struct timer *t = list_first_entry(&timer_list, struct timer, node);
		if (t->expires_ns > now)
			break;
		list_del(&t->node);
		t->pending = false;
		t->fn(t);
	}
}
