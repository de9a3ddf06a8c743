/*
 * user/dmesg.c - dmesg [-c] [-r]: print the kernel log through
 * syslog(2), as util-linux's dmesg does with its default output
 * ("[    1.234567] text"); -r keeps the "<level>" prefixes, -c clears
 * the log after reading.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

int main(int argc, char **argv)
{
	int raw = 0, clear = 0, size, n;
	char *buf;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-r"))
			raw = 1;
		else if (!strcmp(argv[i], "-c"))
			clear = 1;
		else {
			fprintf(stderr, "usage: dmesg [-c] [-r]\n");
			return !!strcmp(argv[i], "--help");
		}
	}
	size = klogctl(10, NULL, 0);		/* SYSLOG_ACTION_SIZE_BUFFER */
	buf = malloc(size > 0 ? (size_t)size + 1 : 1);
	n = klogctl(clear ? 4 : 3, buf, size);	/* READ_CLEAR or READ_ALL */
	if (n < 0) {
		perror("dmesg: klogctl");
		return 1;
	}
	buf[n] = 0;
	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');
		char *text = line;

		if (nl)
			*nl = 0;
		if (!raw && text[0] == '<' && (text = strchr(text, '>')))
			text++;
		else
			text = line;
		puts(text);
		if (!nl)
			break;
		line = nl + 1;
	}
	return 0;
}
