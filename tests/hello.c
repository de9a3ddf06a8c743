/*
 * hello - the smoke test: the smallest useful musl program.  Not TAP: the
 * harness looks for the line "hello from musl" and exit code 0.
 */
#include <stdio.h>

int main(void)
{
	printf("hello from musl\n");
	return 0;
}
