package org.apiary.network.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apiary.network.domain.IpRequest;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.Port;
import org.apiary.network.domain.SegmentClaim;
import org.apiary.network.domain.Subnet;

/**
 * Networks, subnets, ports and their addresses. Every write is one transaction; the ones that
 * must be atomic under concurrency (segment ids, addresses, MACs) rely on unique keys and are
 * retried when a concurrent writer won a race on a value they had chosen themselves.
 */
public interface NetworkStore {
    /** Inserts the network and claims its segment; {@code quota} < 0 is unlimited. */
    Network createNetwork(Network draft, SegmentClaim claim, int quota);

    Optional<Network> findNetwork(String id);

    List<Network> listNetworks();

    /** Writes {@code updated} if the stored revision is still {@code expectedRevision}; false otherwise. */
    boolean updateNetwork(Network updated, long expectedRevision);

    /** Deletes the network with its subnets and DHCP ports; 409 NetworkInUse while other ports exist. */
    void deleteNetwork(String id);

    /**
     * Inserts a subnet after {@code checkSiblings} accepted the network's other subnets; gives each
     * DHCP port of the network an address on it when it has DHCP, and every port its EUI-64
     * address when it is an auto-address (SLAAC) subnet.
     */
    Subnet createSubnet(Subnet subnet, Consumer<List<Subnet>> checkSiblings, int quota);

    Optional<Subnet> findSubnet(String id);

    List<Subnet> listSubnets();

    List<Subnet> subnetsOf(String networkId);

    /** Writes the subnet if still at {@code expectedRevision}; DHCP ports follow enable_dhcp. */
    boolean updateSubnet(Subnet updated, long expectedRevision);

    /** Deletes the subnet, releasing DHCP ports' addresses; 409 SubnetInUse while other ports use it. */
    void deleteSubnet(String id);

    /**
     * Inserts a port with the addresses asked for. {@code newMac} is null when the MAC was given
     * by the caller (a clash is then 409 MacAddressInUse), else it makes a new random MAC on retry.
     */
    Port createPort(Port draft, Supplier<String> newMac, List<IpRequest> ips, int quota);

    Optional<Port> findPort(String id);

    List<Port> listPorts();

    List<Port> portsOf(String networkId);

    /** Writes the port if still at {@code expectedRevision}; {@code ips} null keeps its addresses. */
    boolean updatePort(Port updated, List<IpRequest> ips, long expectedRevision);

    void deletePort(String id);

    /** Ports bound to a host ({@code binding:host_id}). */
    List<Port> portsOnHost(String host);

    /** Projects' resource counts for quota details: resource name → count. */
    long count(String resource, String projectId);
}
