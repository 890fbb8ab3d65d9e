package org.apiary.agent.compute;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.Hypervisor;

/** A hypervisor that forwards every call, for tests that make one operation fail. */
class DelegatingHypervisor implements Hypervisor {
    private final Hypervisor delegate;

    DelegatingHypervisor(Hypervisor delegate) {
        this.delegate = delegate;
    }

    @Override public String type() { return delegate.type(); }
    @Override public long version() { return delegate.version(); }
    @Override public boolean simulated() { return delegate.simulated(); }
    @Override public HostResources resources() { return delegate.resources(); }
    @Override public Set<String> capabilities() { return delegate.capabilities(); }
    @Override public GuestInfo spawn(GuestDefinition guest) { return delegate.spawn(guest); }
    @Override public GuestInfo reboot(String uuid, boolean hard) { return delegate.reboot(uuid, hard); }
    @Override public GuestInfo powerOff(String uuid, Duration t) { return delegate.powerOff(uuid, t); }
    @Override public GuestInfo powerOn(String uuid) { return delegate.powerOn(uuid); }
    @Override public GuestInfo resize(GuestDefinition guest) { return delegate.resize(guest); }
    @Override public GuestInfo rebuild(GuestDefinition guest) { return delegate.rebuild(guest); }
    @Override public boolean destroy(String uuid) { return delegate.destroy(uuid); }
    @Override public Optional<GuestInfo> status(String uuid) { return delegate.status(uuid); }
    @Override public List<GuestInfo> list() { return delegate.list(); }
    @Override public String consoleOutput(String uuid) { return delegate.consoleOutput(uuid); }
}
