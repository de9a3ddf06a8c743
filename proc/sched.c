/*
 * proc/sched.c - round-robin scheduling on one CPU.
 *
 * Data: run_queue holds the runnable tasks other than current; idle
 * (pid 0, "swapper") runs when it is empty.  Algorithm: the timer tick
 * counts down current's slice and sets need_resched at zero; schedule()
 * puts a still-runnable current at the tail and switches to the head.
 * Synchronization: interrupts off inside schedule() and around every
 * run-queue change; a task switched out with interrupts off gets them
 * back in the state it saved (iret/popf), so the rule holds everywhere.
 * The kernel is not preemptible (Linux's PREEMPT_NONE): a task in kernel
 * mode keeps the CPU until it sleeps or returns to user mode.
 */
#include "proc/sched.h"
#include "proc/task.h"
#include "mm/mm.h"
#include "mm/kmalloc.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "mm/uaccess.h"
#include "kernel/desc.h"
#include "kernel/x86.h"
#include "kernel/panic.h"
#include "kernel/printk.h"
#include "kernel/lib/string.h"

struct task *current;
static struct task *idle;
static LIST_HEAD(run_queue);
extern unsigned long cpu_kstack_top;

void __switch_stack(unsigned long *prev_sp, unsigned long next_sp);
static void finish_task_switch(void);
void ret_from_fork(void);
void kthread_trampoline(void);

static void enqueue(struct task *t)
{
	if (!t->on_rq && t != idle) {
		list_add_tail(&t->run_list, &run_queue);
		t->on_rq = true;
	}
}

static void dequeue(struct task *t)
{
	if (t->on_rq) {
		list_del(&t->run_list);
		t->on_rq = false;
	}
}

static void fpu_save(struct task *t)
{
	asm volatile("fxsave64 %0" : "=m"(*t->fpu));
}

static void fpu_restore(struct task *t)
{
	asm volatile("fxrstor64 %0" : : "m"(*t->fpu));
}

/* Account the time @t ran since it was switched in. */
static void account_time(struct task *t, uint64_t now)
{
	uint64_t d = now - t->last_switch_ns;

	/* A coarse split: time in a syscall/fault is system, else user. */
	if (t->mm && user_mode(task_pt_regs(t)) && !(t->flags & PF_KTHREAD))
		t->utime_ns += d;
	else
		t->stime_ns += d;
}

static void switch_to(struct task *prev, struct task *next)
{
	uint64_t now = ktime_get_ns();

	account_time(prev, now);
	next->last_switch_ns = now;
	fpu_save(prev);
	/*
	 * Kernel threads borrow whatever page tables are loaded (the kernel
	 * half is the same in all); an exiting task loads kernel_pml4 before
	 * it frees its own, so borrowed tables are never freed under us.
	 */
	if (next->mm && read_cr3() != virt_to_phys(next->mm->pgd))
		write_cr3(virt_to_phys(next->mm->pgd));
	fpu_restore(next);
	wrmsr(MSR_FS_BASE, next->fs_base);
	wrmsr(MSR_GS_BASE, next->gs_base);
	cpu_kstack_top = (unsigned long)next->kstack + KSTACK_SIZE;
	tss_set_rsp0(cpu_kstack_top);
	current = next;
	__switch_stack(&prev->ksp, next->ksp);
}

void schedule(void)
{
	unsigned long flags = local_irq_save();
	struct task *prev = current, *next;

	prev->need_resched = false;
	if (prev->state == TASK_RUNNING)
		enqueue(prev);
	if (list_empty(&run_queue)) {
		next = idle;
	} else {
		next = list_first_entry(&run_queue, struct task, run_list);
		dequeue(next);
	}
	next->ticks_left = TIMESLICE_TICKS;
	if (next != prev) {
		switch_to(prev, next);
		finish_task_switch();
	}
	local_irq_restore(flags);
}

/*
 * A task that exited and needs no reaping (its parent ignores SIGCHLD)
 * cannot free its own kernel stack; the next task to run frees it.
 */
static struct task *dead_task;

void release_after_switch(struct task *t)
{
	dead_task = t;
}

void release_task(struct task *t);

/* Run by the task switched to, on its own stack (Linux: finish_task_switch). */
static void finish_task_switch(void)
{
	struct task *t = dead_task;

	if (t && t != current) {
		dead_task = NULL;
		release_task(t);
	}
}

/* First code a new task runs (from entry.S), in its own address space. */
void schedule_tail(void)
{
	struct task *t = current;

	finish_task_switch();
	if (t->set_child_tid) {
		copy_to_user(t->set_child_tid, &t->pid, sizeof(int));
		t->set_child_tid = NULL;
	}
}

/* Wake @t if its state has a bit of @state; true if it was woken. */
bool wake_up_state(struct task *t, int state)
{
	unsigned long flags = local_irq_save();
	bool woken = false;

	if (t->state & state) {
		t->state = TASK_RUNNING;
		if (t != current)
			enqueue(t);
		if (current == idle)
			current->need_resched = true;
		woken = true;
	}
	local_irq_restore(flags);
	return woken;
}

void wake_up_process(struct task *t)
{
	unsigned long flags = local_irq_save();

	if (t->state != TASK_RUNNING && t->state != TASK_DEAD) {
		t->state = TASK_RUNNING;
		if (t != current)
			enqueue(t);
		if (current == idle)
			current->need_resched = true;
	}
	local_irq_restore(flags);
}

void sched_start(struct task *t)
{
	t->state = TASK_STOPPED;	/* so wake_up_process queues it */
	wake_up_process(t);
}

void scheduler_tick(void)
{
	struct task *t = current;

	if (t == idle) {
		t->need_resched = !list_empty(&run_queue);
		return;
	}
	if (--t->ticks_left <= 0)
		t->need_resched = !list_empty(&run_queue);
}

static void sleep_timer_fn(struct timer *tm)
{
	wake_up_process(container_of(tm, struct task, sleep_timer));
}

int sleep_until_ns(uint64_t deadline, bool interruptible)
{
	struct task *t = current;
	int ret = 0;

	t->sleep_timer.fn = sleep_timer_fn;
	for (;;) {
		unsigned long flags = local_irq_save();
		if (ktime_get_ns() >= deadline) {
			local_irq_restore(flags);
			break;
		}
		if (interruptible && signal_pending_current()) {
			local_irq_restore(flags);
			ret = -ERESTARTSYS;
			break;
		}
		t->state = interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE;
		timer_add(&t->sleep_timer, deadline);
		local_irq_restore(flags);
		schedule();
	}
	timer_del(&t->sleep_timer);
	return ret;
}

void schedule_deadline(uint64_t deadline)
{
	struct task *t = current;

	if (!deadline) {
		schedule();
		return;
	}
	t->sleep_timer.fn = sleep_timer_fn;
	timer_add(&t->sleep_timer, deadline);
	schedule();
	timer_del(&t->sleep_timer);
}

int schedule_timeout_ns(uint64_t ns, bool interruptible)
{
	return sleep_until_ns(ktime_get_ns() + ns, interruptible);
}

/* Lay out a new task's kernel stack so __switch_stack "returns" to @entry. */
static void prepare_switch_frame(struct task *t, void (*entry)(void),
				 unsigned long r12, unsigned long r13)
{
	unsigned long *sp = (unsigned long *)task_pt_regs(t);

	*--sp = (unsigned long)entry;	/* return address */
	*--sp = 0;			/* rbp */
	*--sp = 0;			/* rbx */
	*--sp = r12;
	*--sp = r13;
	*--sp = 0;			/* r14 */
	*--sp = 0;			/* r15 */
	t->ksp = (unsigned long)sp;
}

void prepare_user_task(struct task *t)
{
	prepare_switch_frame(t, ret_from_fork, 0, 0);
}

struct task *kthread_run(int (*fn)(void *), void *arg, const char *name)
{
	struct task *t = task_alloc();

	if (!t)
		return NULL;
	t->flags |= PF_KTHREAD;
	t->pid = t->tgid = alloc_pid();
	t->parent = idle;
	set_task_comm(t, name);
	prepare_switch_frame(t, kthread_trampoline, (unsigned long)fn,
			     (unsigned long)arg);
	list_add_tail(&t->tasks, &task_list);
	sched_start(t);
	return t;
}

__noreturn void kthread_exit(long code)
{
	pr_err("kthread %s exited with %ld\n", current->comm, code);
	local_irq_disable();
	current->state = TASK_DEAD;
	schedule();
	BUG();
}

void sched_init(void)
{
	idle = task_alloc();
	if (!idle)
		panic("cannot allocate the idle task");
	idle->pid = 0;
	idle->flags |= PF_KTHREAD;
	set_task_comm(idle, "swapper/0");
	current = idle;
	cpu_kstack_top = (unsigned long)idle->kstack + KSTACK_SIZE;
	tss_set_rsp0(cpu_kstack_top);
}

/* The idle loop: the boot thread ends here.  Halts until an interrupt. */
void cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (current->need_resched || !list_empty(&run_queue)) {
			local_irq_enable();
			schedule();
			continue;
		}
		asm volatile("sti; hlt" : : : "memory");
	}
}

void init_completion(struct completion *c)
{
	c->done = false;
	init_waitqueue_head(&c->wait);
}

void complete(struct completion *c)
{
	c->done = true;
	wake_up(&c->wait);
}

void wait_for_completion(struct completion *c)
{
	wait_event(c->wait, c->done);
}

int wait_for_completion_killable(struct completion *c)
{
	return wait_event_killable(c->wait, c->done);
}

/* Wait queues (proc/wait.h). */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w,
		     int state)
{
	unsigned long flags = local_irq_save();

	if (!w->task) {			/* first call for this entry */
		w->task = current;
		INIT_LIST_HEAD(&w->node);
	}
	if (list_empty(&w->node))
		list_add_tail(&w->node, &wq->head);
	current->state = state;
	local_irq_restore(flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags = local_irq_save();

	(void)wq;
	current->state = TASK_RUNNING;
	if (w->task == current && !list_empty(&w->node))
		list_del(&w->node);
	local_irq_restore(flags);
}

void wake_up(struct wait_queue_head *wq)
{
	unsigned long flags = local_irq_save();
	struct wait_queue_entry *w;

	list_for_each_entry(w, &wq->head, node)
		wake_up_process(w->task);
	local_irq_restore(flags);
}
