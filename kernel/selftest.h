/*
 * kernel/selftest.h - in-kernel checks run at boot when the command line
 * says selftest=NAME; each prints TAP on the console and powers off.
 */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

/* Runs the self-test named on @cmdline, if any (does not return then). */
void selftest_run(const char *cmdline);

#endif
