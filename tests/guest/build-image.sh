#!/usr/bin/env bash
# build-image.sh OUTDIR
#
# Builds Apiary's test guest from Debian packages only:
#   OUTDIR/apiary-test-guest.raw     32 MiB MBR disk: one FAT partition with SYSLINUX,
#                                    the Debian kernel and a busybox initramfs
#   OUTDIR/apiary-test-guest.qcow2   the same, compressed (what tests upload to Glance)
#
# The guest boots with SeaBIOS from a virtio disk (QEMU's pc or q35 machine), runs
# entirely from the initramfs and prints "APIARY-GUEST ..." markers on ttyS0; see
# README.md beside this file. Downloads (kernel and busybox-static .debs, neither
# installed on the host) are cached in OUTDIR/.cache, so a second run is offline.
#
# Host tools, installed with apt-get when missing: syslinux, syslinux-common,
# mtools (syslinux writes to the FAT image through mtools: no loop device, no
# mount), dosfstools (mkfs.vfat), qemu-utils (qemu-img). The partition table is
# written with printf, so fdisk is not needed either.
set -euo pipefail

OUT=${1:?usage: $0 OUTDIR}
HERE=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
mkdir -p "$OUT/.cache"
OUT=$(cd "$OUT" && pwd)
CACHE=$OUT/.cache
WORK=$(mktemp -d "$OUT/.work.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
NAME=apiary-test-guest
DISK_MB=32
# The last console= becomes /dev/console, where /init writes its markers.
# panic=-1: a broken /init reboots at once, and QEMU with -no-reboot then exits.
CMDLINE="console=ttyS0,115200 panic=-1 loglevel=4"
# Drivers for the helper's QEMU (virtio disk and NIC, IDE or AHCI cdrom), the
# config drive's file systems, and the ACPI power button as an input event.
MODULES="virtio_pci virtio_blk virtio_net ata_piix ahci sr_mod isofs vfat nls_cp437 nls_ascii nls_utf8 button evdev"

log() { echo "[build-image] $*" >&2; }

# --- host tools -------------------------------------------------------------
# shellcheck source=../../bin/lib-jdk.sh
. "$HERE/../../bin/lib-jdk.sh"   # apiary_apt_install
need=()
for t in syslinux:syslinux /usr/lib/syslinux/mbr/mbr.bin:syslinux-common mcopy:mtools \
         mkfs.vfat:dosfstools qemu-img:qemu-utils; do
    if [[ ${t%%:*} == /* ]]; then [ -e "${t%%:*}" ] || need+=("${t#*:}")
    else command -v "${t%%:*}" >/dev/null || need+=("${t#*:}"); fi
done
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    apiary_apt_install "${need[@]}" >&2
fi

# --- downloads: the .deb of PACKAGE, unpacked once into $CACHE/<deb name>/ ---
# Prints the unpacked directory. A metapackage (linux-image-amd64) is resolved to
# the package it depends on, so a kernel update on the mirror is picked up.
fetch_deb() {
    local pkg=$1 real deb
    real=$(apt-cache depends "$pkg" 2>/dev/null | awk -v p="${2:-}" '$1 == "Depends:" && $2 ~ p {print $2; exit}')
    real=${real:-$pkg}
    deb=$(ls "$CACHE/${real}"_*.deb 2>/dev/null | tail -n1 || true)
    if [ -z "$deb" ]; then
        log "downloading $real"
        # apt-get download needs the package lists; fresh machines have none.
        (cd "$CACHE" && { apt-get -q download "$real" || { apt-get -q update && apt-get -q download "$real"; }; }) >&2
        deb=$(ls "$CACHE/${real}"_*.deb 2>/dev/null | tail -n1) || { log "could not download $real"; exit 1; }
    fi
    if [ ! -d "${deb%.deb}" ]; then
        dpkg-deb -x "$deb" "${deb%.deb}.tmp" && mv "${deb%.deb}.tmp" "${deb%.deb}"
    fi
    echo "${deb%.deb}"
}
KDIR=$(fetch_deb linux-image-amd64 '^linux-image-')
BBDIR=$(fetch_deb busybox-static)    # static: it is the guest's only binary
BB=$BBDIR/bin/busybox
KVER=$(ls "$KDIR/lib/modules")
# The .deb has no modules.dep (depmod runs in its postinst); busybox's depmod writes one, once.
[ -f "$KDIR/lib/modules/$KVER/modules.dep" ] || "$BB" depmod -b "$KDIR" "$KVER"
log "kernel $KVER, $("$BB" | head -n1 | cut -d' ' -f1-2)"

# --- initramfs ----------------------------------------------------------------
R=$WORK/root
mkdir -p "$R"/{bin,dev,proc,sys,run,tmp,mnt,etc/acpi/PWRF,lib/modules/"$KVER"}
cp "$BB" "$R/bin/busybox"
ln -s busybox "$R/bin/sh"              # /init links the other applets at boot
# Each wanted module plus what modules.dep says it needs; the guest's modprobe
# then loads them in order from a modules.dep of its own.
for m in $MODULES; do
    line=$(grep -E "/${m}\.ko(\.[a-z]+)?:" "$KDIR/lib/modules/$KVER/modules.dep") || { log "no module $m"; exit 1; }
    for f in ${line/:/}; do
        mkdir -p "$R/lib/modules/$KVER/$(dirname "$f")"
        cp -n "$KDIR/lib/modules/$KVER/$f" "$R/lib/modules/$KVER/$f"
    done
done
"$BB" depmod -b "$R" "$KVER"
echo "$MODULES" > "$R/etc/modules"      # what /init modprobes
cp "$HERE/init" "$R/init"
cp "$HERE/udhcpc.script" "$R/etc/udhcpc.script"
# busybox acpid runs /etc/acpi/PWRF/00000080 on a power-button press (QMP system_powerdown).
# acpid's own output goes nowhere, hence /dev/console.
printf '#!/bin/sh\necho "APIARY-GUEST poweroff acpi" >/dev/console\nsync\npoweroff -f\n' > "$R/etc/acpi/PWRF/00000080"
chmod 755 "$R/init" "$R/etc/udhcpc.script" "$R/etc/acpi/PWRF/00000080"
(cd "$R" && find . | LC_ALL=C sort | "$BB" cpio -o -H newc 2>/dev/null | gzip -9n) > "$WORK/initrd.img"

# --- boot partition: FAT with SYSLINUX, kernel, initrd ----------------------------
P=$WORK/part.img
PSTART=2048                                   # 1 MiB, in 512-byte sectors
PSIZE=$((DISK_MB * 2048 - PSTART))
truncate -s $((PSIZE * 512)) "$P"
mkfs.vfat -n APIARYBOOT "$P" >/dev/null       # FAT16 at this size
cat > "$WORK/syslinux.cfg" <<EOF
SERIAL 0 115200
DEFAULT apiary
TIMEOUT 0
LABEL apiary
  KERNEL /vmlinuz
  INITRD /initrd.img
  APPEND $CMDLINE
EOF
export MTOOLS_SKIP_CHECK=1
mcopy -i "$P" "$KDIR/boot/vmlinuz-$KVER" ::/vmlinuz
mcopy -i "$P" "$WORK/initrd.img" "$WORK/syslinux.cfg" ::/
syslinux --install "$P"                       # boot sector + ldlinux.sys/.c32

# --- disk: SYSLINUX's MBR code, one bootable partition entry, the partition -------
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24)); }
D=$WORK/disk.raw
truncate -s $((DISK_MB * 1024 * 1024)) "$D"
dd if=/usr/lib/syslinux/mbr/mbr.bin of="$D" conv=notrunc status=none
# Entry 1 at byte 446: active, CHS unused (fe ff ff), type 0x0e (FAT16, LBA), start, size;
# then the 55 aa boot signature.
printf "\\x80\\xfe\\xff\\xff\\x0e\\xfe\\xff\\xff$(le32 $PSTART)$(le32 $PSIZE)" |
    dd of="$D" bs=1 seek=446 conv=notrunc status=none
printf '\x55\xaa' | dd of="$D" bs=1 seek=510 conv=notrunc status=none
dd if="$P" of="$D" bs=1M seek=1 conv=notrunc,sparse status=none
qemu-img convert -f raw -O qcow2 -c "$D" "$WORK/disk.qcow2"
mv "$D" "$OUT/$NAME.raw"
mv "$WORK/disk.qcow2" "$OUT/$NAME.qcow2"

log "kernel $(stat -c %s "$KDIR/boot/vmlinuz-$KVER") B, initrd $(stat -c %s "$WORK/initrd.img") B" \
    "($(find "$R/lib/modules" -name '*.ko*' | wc -l) modules)"
for f in "$OUT/$NAME.raw" "$OUT/$NAME.qcow2"; do
    log "$(basename "$f"): virtual $DISK_MB MiB, file $(stat -c %s "$f") B, on disk $(du -k "$f" | cut -f1) KiB"
done
