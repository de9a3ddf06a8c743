/*
 * t_system - system(3), which runs "/bin/sh -c CMD" through posix_spawn
 * and waits for it.  Needs /bin/sh, so it is a scenario of its own: the
 * other tests never depend on a shell.
 */
#include "tap.h"

int main(void)
{
	int st;

	tap_init();
	ok(system(NULL) != 0, "system(NULL): a shell is available");
	st = system("true");
	is_int(st, 0, "system(\"true\") returns 0");
	st = system("exit 3");
	ok(WIFEXITED(st), "system(\"exit 3\"): the shell exited normally");
	is_int(WEXITSTATUS(st), 3, "system(\"exit 3\") >> 8 == 3");
	st = system("kill -TERM $$");
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	   "system(\"kill -TERM $$\"): the shell was killed by SIGTERM");
	st = system("echo '# a line from the shell'");
	is_int(st, 0, "system(\"echo ...\") writes through the inherited stdout");
	return done_testing();
}
