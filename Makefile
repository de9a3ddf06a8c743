# oomkernel - build, boot and test.  See README.md for the two commands.
#
#   make            kernel ELF and the hybrid BIOS/UEFI ISO
#   make run        boot the ISO in QEMU (serial on this terminal)
#   make test       host unit tests, then QEMU scenarios (BIOS and UEFI)
#   make debug/gdb  QEMU halted with a gdb stub / attach gdb to it
#   make bench      the same program timed on oomkernel and on Debian's Linux

BUILD   := build
CC      := gcc
LD      := ld
KCFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie \
	   -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	   -mno-sse -mno-sse2 -mno-mmx -mno-80387 \
	   -fno-omit-frame-pointer -fno-optimize-sibling-calls \
	   -fno-stack-protector -fno-asynchronous-unwind-tables \
	   -fno-strict-aliasing -Wall -Wextra -Wno-unused-parameter \
	   -Werror -I.
KASFLAGS := -I. -D__ASSEMBLER__
KLDFLAGS := -n -nostdlib -T linker.ld -z max-page-size=0x1000 --no-warn-rwx-segments

KSRCS := boot/boot.S \
	kernel/entry.S kernel/main.c kernel/printk.c kernel/log_ring.c \
	kernel/serial.c kernel/time.c kernel/desc.c kernel/trap.c \
	kernel/syscall.c kernel/apic.c kernel/acpi.c kernel/fw_cfg.c \
	kernel/multiboot.c kernel/panic.c kernel/dmi.c kernel/selftest.c \
	kernel/lib/string.c kernel/lib/vsprintf.c kernel/fs/cpio.c \
	mm/buddy.c mm/memblock.c mm/page_alloc.c mm/pgtable.c mm/kmalloc.c \
	kernel/syscall_table.c kernel/fs/read_write.c kernel/fs/tmpfs.c \
	kernel/fs/initramfs.c kernel/vmstat.c kernel/sys_time.c kernel/sys_syslog.c \
	kernel/fs/file.c kernel/fs/namei.c kernel/fs/open.c kernel/fs/stat.c \
	kernel/fs/fcntl.c kernel/fs/pipe.c kernel/fs/char_dev.c kernel/fs/select.c \
	kernel/drivers/mem.c kernel/drivers/tty.c kernel/drivers/pci.c \
	kernel/drivers/virtio_blk.c kernel/fs/block_dev.c \
	mm/memory.c mm/mmap.c mm/vma.c mm/shmem.c mm/fault.c mm/uaccess.c \
	mm/uaccess_64.S mm/sys_mmap.c mm/mprotect.c mm/madvise.c mm/mremap.c mm/util.c mm/swapfile.c mm/oom_kill.c mm/oom_explain.c mm/show_mem.c mm/debug.c mm/swap_state.c mm/vmscan.c mm/rmap.c mm/swap_readahead.c \
	proc/sched.c proc/rwsem.c proc/task.c proc/elf.c proc/exec.c proc/exit.c \
	proc/signal.c proc/sys_process.c proc/fork.c \
	proc/sys_signal.c proc/sys_resource.c proc/sys_pgrp.c proc/sys_prctl.c \
	proc/cred.c proc/sys_cred.c kernel/futex.c kernel/futex_key.c kernel/futex_robust.c \
	kernel/fs/seq_file.c kernel/fs/proc/generic.c kernel/fs/proc/root.c \
	kernel/fs/proc/base.c kernel/fs/proc/array.c kernel/fs/proc/task_mmu.c \
	kernel/fs/proc/meminfo.c kernel/fs/proc/vmstat.c kernel/fs/proc/misc.c \
	kernel/fs/proc/cpuinfo.c kernel/fs/proc/proc_sysctl.c kernel/sysctl.c \
	kernel/fs/drop_caches.c kernel/fs/sync.c \
	mm/watermark.c mm/vm_sysctl.c \
	proc/signal_rules.c kernel/signal.c kernel/fpu.c kernel/itimer.c \
	kernel/trap_signal.c \
	mm/overcommit.c mm/vma_merge.c mm/lru.c mm/gup.c mm/mlock.c mm/mincore.c
KOBJS := $(patsubst %,$(BUILD)/%.o,$(KSRCS))

KERNEL := $(BUILD)/oomkernel.elf
ISO    := $(BUILD)/oomkernel.iso

.PHONY: all kernel iso run runprog test test-unit test-qemu test-full deps debug gdb clean bench
all: iso

$(BUILD)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(KASFLAGS) -MMD -MP -c $< -o $@

# Two links: the first gives the addresses for the symbol table, the
# second adds the table.  .kallsyms is the last section (linker.ld), so
# adding it moves no other symbol.
$(KERNEL): $(KOBJS) linker.ld scripts/gen-kallsyms
	$(LD) $(KLDFLAGS) -o $@.0 $(KOBJS)
	scripts/gen-kallsyms $@.0 > $(BUILD)/kallsyms.S
	$(CC) -c $(BUILD)/kallsyms.S -o $(BUILD)/kallsyms.o
	$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(BUILD)/kallsyms.o
	@cmp -s <(nm -n $@.0 | grep -vE 'kallsyms| _e(bss|nd)$$') \
		<(nm -n $@ | grep -vE 'kallsyms| _e(bss|nd)$$') || \
		{ echo "kallsyms: symbol addresses moved between links"; exit 1; }

SHELL := /bin/bash
kernel: $(KERNEL)

# User programs: ordinary C, musl-gcc -static, the same binaries Linux runs.
USER_PROGS := $(patsubst user/%.c,$(BUILD)/user/%,$(wildcard user/*.c))
$(BUILD)/user/%: user/%.c
	@mkdir -p $(dir $@)
	musl-gcc -static -O2 -Wall -Werror -o $@ $<

# The initramfs (newc cpio): /init, the programs in /bin, and Debian's
# unmodified busybox-static as /bin/sh and the usual commands (links to
# /bin/busybox, except where a program of ours has the name).
BUSYBOX := /bin/busybox
INITRAMFS := $(BUILD)/initramfs.cpio
$(INITRAMFS): $(USER_PROGS) $(BUSYBOX)
	rm -rf $(BUILD)/rootfs
	mkdir -p $(BUILD)/rootfs/bin $(BUILD)/rootfs/tmp $(BUILD)/rootfs/dev $(BUILD)/rootfs/proc
	chmod 1777 $(BUILD)/rootfs/tmp
	cp $(USER_PROGS) $(BUILD)/rootfs/bin/
	cp $(BUSYBOX) $(BUILD)/rootfs/bin/busybox
	cd $(BUILD)/rootfs/bin && for a in $$(./busybox --list); do \
		[ -e "$$a" ] || ln -s busybox "$$a"; done
	cp $(BUILD)/user/init $(BUILD)/rootfs/init
	cd $(BUILD)/rootfs && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 > ../initramfs.cpio

$(ISO): $(KERNEL) $(INITRAMFS) iso/grub.cfg
	rm -rf $(BUILD)/isodir
	mkdir -p $(BUILD)/isodir/boot/grub
	cp $(KERNEL) $(BUILD)/isodir/boot/oomkernel.elf
	cp $(INITRAMFS) $(BUILD)/isodir/boot/initramfs.cpio
	cp iso/grub.cfg $(BUILD)/isodir/boot/grub/grub.cfg
	grub-mkrescue -o $@ $(BUILD)/isodir 2>$(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }
iso: $(ISO)

deps:
	@scripts/deps.sh
$(BUSYBOX):
	@scripts/deps.sh

# Boot the kernel in QEMU. FW=bios|uefi, MEM=128M, CMDLINE="extra args".
FW ?= bios
MEM ?= 128M
run: deps $(ISO)
	@scripts/qemu-boot --fw $(FW) --mem $(MEM) --cmdline "$(CMDLINE)" \
		$(if $(SWAP),--swap $(SWAP)) --interactive; rc=$$?; [ $$rc = 33 ] || { echo "QEMU status $$rc (33 is a clean power-off)"; exit $$rc; }

# Run one static program in a fresh VM (see scripts/runprog and README.md).
runprog: $(ISO)
	@test -n "$(PROG)" || { echo "usage: make runprog PROG=path [ARGS=...] [MEM=...] [ENV=...] [USER=uid]"; exit 2; }
	@MEM=$(MEM) FW=$(FW) FILES="$(FILES)" ENV="$(ENV)" SWAP="$(SWAP)" V=$(V) \
		USER_ID=$(if $(filter command line,$(origin USER)),$(USER)) \
		scripts/runprog $(PROG) $(ARGS)

debug: $(ISO)
	scripts/qemu-boot --fw $(FW) --mem $(MEM) --cmdline "$(CMDLINE)" --interactive --gdb

gdb: $(KERNEL)
	gdb -ex "target remote :1234" $(KERNEL)

# ---- tests ----
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(BUILD)/unit/run-unit-tests
UNIT_KSRC := mm/buddy.c kernel/log_ring.c kernel/lib/vsprintf.c kernel/lib/string.c \
	     kernel/fs/cpio.c proc/elf.c proc/cred.c kernel/futex_key.c proc/signal_rules.c \
	     mm/overcommit.c mm/vma_merge.c \
	     kernel/sysctl.c mm/watermark.c mm/vm_sysctl.c mm/debug.c mm/swap_readahead.c
$(UNIT_BIN): $(UNIT_SRCS) $(UNIT_KSRC) tests/unit/main.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu11 -O1 -g -DUNIT_TEST -I. -Wall -Werror \
		-o $@ tests/unit/main.c $(UNIT_SRCS) $(UNIT_KSRC) \
		$$(pkg-config --cflags --libs check)

# Fixtures made by the real tools: a musl-static ELF and a GNU cpio archive.
$(BUILD)/unit/fixture-elf: tests/hello.c
	@mkdir -p $(dir $@)
	musl-gcc -static -O2 -o $@ $<
$(BUILD)/unit/fixture.cpio:
	@mkdir -p $(BUILD)/unit/cpio-src/sub
	printf 'hello, cpio\n' > $(BUILD)/unit/cpio-src/hello.txt
	cd $(BUILD)/unit/cpio-src && printf 'hello.txt\nsub\n' | \
		cpio --quiet -o -H newc > ../fixture.cpio

test-unit: $(UNIT_BIN) $(BUILD)/unit/fixture-elf $(BUILD)/unit/fixture.cpio
	UNIT_ELF_FIXTURE=$(BUILD)/unit/fixture-elf UNIT_CPIO_FIXTURE=$(BUILD)/unit/fixture.cpio \
		$(UNIT_BIN)

test: deps
	@scripts/run-tests quick

test-full: deps
	@scripts/run-tests full

# Figures only, never asserted: oomkernel vs Debian's Linux in the same QEMU.
bench: $(ISO)
	@scripts/deps.sh --bench
	@scripts/bench

clean:
	rm -rf $(BUILD)

-include $(KOBJS:.o=.d)
