#!/bin/sh
# deps.sh - install the Debian 12 packages oomkernel needs, only those missing.
#   scripts/deps.sh          build, run and test
#   scripts/deps.sh --bench  also Debian's Linux kernel for `make bench`
# Runs apt-get as root (or through sudo).  Quiet when nothing is missing.
set -e
pkgs="gcc binutils make grub-pc-bin grub-efi-amd64-bin grub-common xorriso mtools
qemu-system-x86 ovmf musl-tools cpio check pkg-config util-linux busybox-static"
[ "${1:-}" = --bench ] && pkgs="$pkgs linux-image-amd64"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
