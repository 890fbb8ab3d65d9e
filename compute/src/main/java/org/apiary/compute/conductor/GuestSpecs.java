package org.apiary.compute.conductor;

import java.util.List;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.Vif;
import org.apiary.compute.rpc.GuestPort;
import org.apiary.compute.rpc.GuestSpec;

/** What a host needs to run a server, from the server row. */
final class GuestSpecs {
    private GuestSpecs() {}

    static GuestSpec of(Server s) {
        return of(s, s.flavor());
    }

    static GuestSpec of(Server s, FlavorSnapshot flavor) {
        List<GuestPort> ports = s.networkInfo().stream()
                .map(v -> new GuestPort(v.portId(), v.networkId(), v.macAddress(), v.mtu(),
                        v.ips().stream().map(Vif.Ip::address).toList()))
                .toList();
        return new GuestSpec(s.uuid(), s.name(), s.hostname(), s.projectId(), s.userId(), flavor.vcpus(),
                flavor.memoryMb(), flavor.rootGb(), flavor.ephemeralGb(), flavor.swap(), s.imageRef(),
                s.requestSpec().imageProperties(), ports, s.keyName(), s.keyData(), s.userData(), s.metadata(),
                s.configDrive(), s.availabilityZone(), s.launchIndex());
    }
}
