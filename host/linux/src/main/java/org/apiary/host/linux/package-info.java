/**
 * The Linux host driver (design §3): {@link org.apiary.host.linux.QemuHypervisor}, QEMU guests (KVM when
 * the host has it, else TCG) whose every host change is a typed operation of the privileged helper. The
 * guest supervisor under it, {@link org.apiary.host.linux.HelperGuests}, is shared with host/freebsd's bhyve
 * driver. This package runs no command and opens no device itself (design §2 rule 6).
 */
package org.apiary.host.linux;
