/*
 * t_robust - robust futex lists: a process-shared robust mutex in
 * MAP_SHARED memory, locked by a child that dies holding it; the
 * kernel's exit walk marks it, and the parent's lock then reports
 * EOWNERDEAD.  Plus set_robust_list/get_robust_list's own rules.
 */
#include "tap.h"

#include <pthread.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

int main(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	void *head;
	size_t len;
	int st;
	pid_t pid;

	tap_init();
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	is_int(pthread_mutex_init(m, &a), 0, "a robust, process-shared mutex in shared memory");
	pid = fork();
	if (pid == 0) {
		pthread_mutex_lock(m);
		_exit(7);		/* dies holding it */
	}
	waitpid(pid, &st, 0);
	is_exited(st, 7, "the child took the lock and exited");
	is_int(pthread_mutex_lock(m), EOWNERDEAD, "the parent's lock reports EOWNERDEAD");
	is_int(pthread_mutex_consistent(m), 0, "pthread_mutex_consistent");
	is_int(pthread_mutex_unlock(m), 0, "... and the lock works again");

	is_errno(syscall(SYS_set_robust_list, &head, 16), EINVAL, "set_robust_list with a wrong size -> EINVAL");
	is_int(syscall(SYS_get_robust_list, 0, &head, &len), 0, "get_robust_list(0) succeeds");
	is_int(len, 24, "it reports the 24-byte head size");
	ok(head != NULL, "the head musl registered for the robust mutex is set");
	is_errno(syscall(SYS_get_robust_list, 0x3ffffff, &head, &len), ESRCH, "get_robust_list of a missing pid -> ESRCH");
	is_errno(syscall(SYS_get_robust_list, 0, (void *)1, &len), EFAULT, "get_robust_list to a bad pointer -> EFAULT");
	return done_testing();
}
