/**
 * The FreeBSD host driver (design §3): {@link org.apiary.host.freebsd.BhyveHypervisor}, bhyve guests whose
 * every host change is a typed operation of the privileged helper, supervised by host/linux's shared
 * {@link org.apiary.host.linux.HelperGuests}. This package runs no command and opens no device itself
 * (design §2 rule 6).
 */
package org.apiary.host.freebsd;
