package org.apiary.server.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.Vif;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.domain.external.NetworkApi.NetworkInfo;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkSpec;
import org.apiary.network.domain.Port;
import org.apiary.network.domain.PortSpec;
import org.apiary.network.domain.Subnet;
import org.apiary.network.domain.SubnetSpec;
import org.apiary.network.rpc.NetworkChange;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InProcessNetworkTest {
    private static final String MINE = "project-mine";
    private static final String OTHER = "project-other";
    private static final String ADMIN = "project-admin";

    private Services services;
    private NetworkApi network;
    private Network own;
    private Subnet ownSubnet;

    @BeforeEach
    void start() throws Exception {
        services = new Services();
        network = new InProcessNetwork(services.network);
        own = net(MINE, "private", false, false);
        ownSubnet = subnet(own, "10.0.0.0/24");
    }

    @AfterEach
    void stop() throws Exception {
        services.close();
    }

    private Network net(String project, String name, boolean shared, boolean external) {
        return services.network.networks().create(new NetworkSpec(project, name, null, null, shared, external, null,
                null, null, null, null, null, null, null, false));
    }

    private Subnet subnet(Network n, String cidr) {
        return services.network.subnets().create(new SubnetSpec(n.projectId(), n.id(), "", null, 4, cidr, null,
                false, null, null, null, null, null, null));
    }

    private Port stored(String portId) {
        return services.network.ports().get(portId);
    }

    private static void fails(ErrorKind kind, String type, String message, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.code()).isEqualTo(type);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void bootableNetworksAreTheProjectsOwnAndSharedOnesButNotExternal() {
        Network shared = net(ADMIN, "shared", true, false);
        Network external = net(ADMIN, "public", false, true);
        subnet(external, "203.0.113.0/24");
        Network foreign = net(OTHER, "theirs", false, false);

        assertThat(network.bootableNetworks(MINE)).extracting(NetworkInfo::id)
                .containsExactlyInAnyOrder(own.id(), shared.id());
        NetworkInfo mine = network.network(own.id(), MINE).orElseThrow();
        assertThat(mine).isEqualTo(new NetworkInfo(own.id(), "private", MINE, false, false, true, own.mtu()));
        assertThat(network.network(shared.id(), MINE).orElseThrow().hasSubnets()).isFalse();
        assertThat(network.network(external.id(), MINE).orElseThrow().external()).isTrue();
        assertThat(network.network(foreign.id(), MINE)).isEmpty();
        assertThat(network.network(UUID.randomUUID().toString(), MINE)).isEmpty();
    }

    @Test
    void createPortMakesABoundPortForTheServerAndTellsTheAgents() {
        String server = UUID.randomUUID().toString();
        services.changes.clear();
        Vif vif = network.createPort(server, MINE, own.id(), null, List.of(), "host-1", "nova", "nic1");

        assertThat(vif.networkId()).isEqualTo(own.id());
        assertThat(vif.networkName()).isEqualTo("private");
        assertThat(vif.mtu()).isEqualTo(own.mtu());
        assertThat(vif.createdByCompute()).isTrue();
        assertThat(vif.tag()).isEqualTo("nic1");
        assertThat(vif.ips()).hasSize(1);
        assertThat(vif.ips().get(0).version()).isEqualTo(4);
        assertThat(vif.ips().get(0).subnetId()).isEqualTo(ownSubnet.id());
        assertThat(vif.ips().get(0).address()).startsWith("10.0.0.");

        Port p = stored(vif.portId());
        assertThat(p.macAddress()).isEqualTo(vif.macAddress()).isNotEmpty();
        assertThat(p.deviceId()).isEqualTo(server);
        assertThat(p.deviceOwner()).isEqualTo("compute:nova");
        assertThat(p.hostId()).isEqualTo("host-1");
        assertThat(p.name()).isEmpty();
        assertThat(p.projectId()).isEqualTo(MINE);
        assertThat(p.status()).isEqualTo("ACTIVE");
        // no group named: the project's default group, created as the API would
        String defaultGroup = services.network.securityGroups().ensureDefault(MINE);
        assertThat(p.securityGroups()).containsExactly(defaultGroup);
        assertThat(services.changes).contains(new NetworkChange(own.id(), "port.create"));

        assertThat(network.port(p.id())).contains(new NetworkApi.PortInfo(p.id(), own.id(), MINE, server,
                "compute:nova", "host-1"));
        assertThat(network.portsOf(server)).extracting(Vif::portId).containsExactly(p.id());
    }

    @Test
    void fixedAddressesAndSecurityGroupsByNameOrId() {
        String web = services.network.securityGroups().create(MINE, "web", "", null).id();
        String theirs = services.network.securityGroups().create(OTHER, "db", "", null).id();
        String server = UUID.randomUUID().toString();

        Vif vif = network.createPort(server, MINE, own.id(), "10.0.0.50", List.of("web", "default"), "h", "az1",
                null);
        assertThat(vif.ips()).extracting(Vif.Ip::address).containsExactly("10.0.0.50");
        Port p = stored(vif.portId());
        assertThat(p.deviceOwner()).isEqualTo("compute:az1");
        assertThat(p.securityGroups())
                .containsExactlyInAnyOrder(web, services.network.securityGroups().ensureDefault(MINE));
        assertThat(stored(network.createPort(server, MINE, own.id(), null, List.of(web), "h", "az1", null).portId())
                .securityGroups()).containsExactly(web);

        fails(ErrorKind.CONFLICT, "IpAddressInUse", "The IP address 10.0.0.50 is in use",
                () -> network.createPort(server, MINE, own.id(), "10.0.0.50", List.of(), "h", "az1", null));
        fails(ErrorKind.BAD_REQUEST, "InvalidIpForNetwork", "192.168.9.9",
                () -> network.createPort(server, MINE, own.id(), "192.168.9.9", List.of(), "h", "az1", null));
        fails(ErrorKind.BAD_REQUEST, "SecurityGroupNotFound", "nope",
                () -> network.createPort(server, MINE, own.id(), null, List.of("nope"), "h", "az1", null));
        // another project's group is not usable by id either
        fails(ErrorKind.BAD_REQUEST, "SecurityGroupNotFound", theirs,
                () -> network.createPort(server, MINE, own.id(), null, List.of(theirs), "h", "az1", null));

        // What the API asks before a create: the project's groups by name or id, no one else's.
        assertThat(network.securityGroupExists("web", MINE)).isTrue();
        assertThat(network.securityGroupExists(web, MINE)).isTrue();
        assertThat(network.securityGroupExists("nope", MINE)).isFalse();
        assertThat(network.securityGroupExists("db", MINE)).isFalse();
        assertThat(network.securityGroupExists(theirs, MINE)).isFalse();
        assertThat(network.securityGroupExists(theirs, OTHER)).isTrue();
    }

    @Test
    void networksTheProjectMayNotUseAndFullSubnetsAreClientErrors() {
        Network foreign = net(OTHER, "theirs", false, false);
        subnet(foreign, "10.1.0.0/24");
        String server = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();
        fails(ErrorKind.NOT_FOUND, "NetworkNotFound", "Network " + missing + " could not be found.",
                () -> network.createPort(server, MINE, missing, null, List.of(), "h", "nova", null));
        fails(ErrorKind.NOT_FOUND, "NetworkNotFound", foreign.id(),
                () -> network.createPort(server, MINE, foreign.id(), null, List.of(), "h", "nova", null));

        Network tiny = net(MINE, "tiny", false, false);
        subnet(tiny, "10.9.0.0/30"); // .1 is the gateway, .2 the only address left
        network.createPort(server, MINE, tiny.id(), null, List.of(), "h", "nova", null);
        fails(ErrorKind.CONFLICT, "IpAddressGenerationFailure", "No more IP addresses available",
                () -> network.createPort(server, MINE, tiny.id(), null, List.of(), "h", "nova", null));
    }

    @Test
    void bindPortInUseAndUnbind() {
        Port users = services.network.ports().create(new PortSpec(MINE, own.id(), "mine", null, null, null, null,
                null, null, null, null, null, null, null, null, null, null));
        String server = UUID.randomUUID().toString();
        services.changes.clear();

        Vif vif = network.bindPort(users.id(), server, "host-2", "nova", "t");
        assertThat(vif.createdByCompute()).isFalse();
        assertThat(vif.portId()).isEqualTo(users.id());
        assertThat(vif.macAddress()).isEqualTo(users.macAddress());
        assertThat(vif.tag()).isEqualTo("t");
        Port bound = stored(users.id());
        assertThat(bound.deviceId()).isEqualTo(server);
        assertThat(bound.deviceOwner()).isEqualTo("compute:nova");
        assertThat(bound.hostId()).isEqualTo("host-2");
        assertThat(bound.name()).isEqualTo("mine");
        assertThat(services.changes).contains(new NetworkChange(own.id(), "port.update"));

        // binding again to the same server is fine; to another one it is not
        network.bindPort(users.id(), server, "host-2", "nova", "t");
        fails(ErrorKind.CONFLICT, "PortInUse", "Port " + users.id() + " is still in use.",
                () -> network.bindPort(users.id(), UUID.randomUUID().toString(), "host-3", "nova", null));
        fails(ErrorKind.NOT_FOUND, "PortNotFound", "could not be found",
                () -> network.bindPort(UUID.randomUUID().toString(), server, "host-3", "nova", null));

        network.rebindPorts(server, "host-9");
        assertThat(stored(users.id()).hostId()).isEqualTo("host-9");
        assertThat(network.portsOf(server)).extracting(Vif::portId).containsExactly(users.id());

        services.changes.clear();
        network.unbindPort(users.id());
        Port free = stored(users.id());
        assertThat(free.deviceId()).isEmpty();
        assertThat(free.deviceOwner()).isEmpty();
        assertThat(free.hostId()).isEmpty();
        assertThat(free.status()).isEqualTo("DOWN");
        assertThat(network.portsOf(server)).isEmpty();
        assertThat(services.changes).containsExactly(new NetworkChange(own.id(), "port.update"));
        network.unbindPort(UUID.randomUUID().toString()); // gone: no-op
    }

    @Test
    void deletePortIsIdempotentAndTellsTheAgents() {
        String server = UUID.randomUUID().toString();
        Vif vif = network.createPort(server, MINE, own.id(), null, List.of(), "host-1", "nova", null);
        services.changes.clear();
        network.deletePort(vif.portId());
        assertThat(network.port(vif.portId())).isEmpty();
        assertThat(network.portsOf(server)).isEmpty();
        assertThat(services.changes).containsExactly(new NetworkChange(own.id(), "port.delete"));
        network.deletePort(vif.portId());
        assertThat(services.changes).hasSize(1);
    }
}
