/**
 * {@link org.apiary.host.fake.FakeHypervisor}: an honest in-memory hypervisor driver for tests, demos and
 * benchmarks, after Nova's {@code nova/virt/fake.py}. Nothing runs: guests are entries in a map with a power
 * state and a console log the driver writes itself.
 */
package org.apiary.host.fake;
