/**
 * The hypervisor driver interface of the host layer (design §2 rule 5): {@link org.apiary.host.spi.Hypervisor}
 * and the records it takes and answers. Drivers live in their own modules ({@code host/fake} now; QEMU and
 * bhyve through the privileged helper later) and are chosen by {@code [compute] driver}. This package knows
 * nothing of the bus or of the controller's records: the compute agent maps between them.
 */
package org.apiary.host.spi;
