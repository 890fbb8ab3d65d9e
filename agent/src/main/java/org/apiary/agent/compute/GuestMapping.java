package org.apiary.agent.compute;

import org.apiary.compute.rpc.GuestPort;
import org.apiary.compute.rpc.GuestSpec;
import org.apiary.compute.rpc.GuestStatus;
import org.apiary.compute.rpc.PowerState;
import org.apiary.host.spi.GuestBootData;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestNic;
import org.apiary.host.spi.GuestState;

/** Between the bus contract's records (compute-rpc) and the driver interface's (host-spi). */
final class GuestMapping {
    private GuestMapping() {}

    static GuestDefinition definition(GuestSpec s) {
        return new GuestDefinition(s.uuid(), s.name(), s.hostname(), s.projectId(), s.vcpus(), s.memoryMb(),
                s.rootGb(), s.ephemeralGb(), s.swapMb(), s.imageId(), s.imageProperties(),
                s.ports().stream().map(GuestMapping::nic).toList(),
                new GuestBootData(s.keyName(), s.keyData(), s.userData(), s.metadata(), s.configDrive(),
                        s.availabilityZone(), s.launchIndex()));
    }

    static GuestNic nic(GuestPort p) {
        return new GuestNic(p.portId(), p.networkId(), p.macAddress(), p.mtu(), p.fixedIps());
    }

    static GuestStatus status(GuestInfo info) {
        return new GuestStatus(info.uuid(), powerState(info.state()), info.detail());
    }

    static PowerState powerState(GuestState state) {
        return switch (state) {
            case NOSTATE -> PowerState.NOSTATE;
            case RUNNING -> PowerState.RUNNING;
            case PAUSED -> PowerState.PAUSED;
            case SHUTDOWN -> PowerState.SHUTDOWN;
            case CRASHED -> PowerState.CRASHED;
            case SUSPENDED -> PowerState.SUSPENDED;
        };
    }
}
