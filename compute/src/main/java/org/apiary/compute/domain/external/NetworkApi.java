package org.apiary.compute.domain.external;

import java.util.List;
import java.util.Optional;
import org.apiary.compute.domain.Vif;

/** Neutron as the compute API and conductor use it. Failures the user caused are ServiceExceptions (4xx). */
public interface NetworkApi {
    /** A network visible to a project. {@code external}: router:external. */
    record NetworkInfo(String id, String name, String projectId, boolean shared, boolean external,
                       boolean hasSubnets, int mtu) {}

    /** A port as the API checks it before a create. */
    record PortInfo(String id, String networkId, String projectId, String deviceId, String deviceOwner,
                    String hostId) {}

    /** Networks a project may boot on: its own and shared ones, external ones excluded (for networks=auto). */
    List<NetworkInfo> bootableNetworks(String projectId);

    /** The network if it exists and the project may use it. */
    Optional<NetworkInfo> network(String networkId, String projectId);

    Optional<PortInfo> port(String portId);

    /**
     * Whether a security group the project may use exists: by id, or by name among the project's
     * own groups (neutronclient's find_resourceid_by_name_or_id, as Nova calls it).
     */
    boolean securityGroupExists(String nameOrId, String projectId);

    /**
     * Creates a port for the server (device_id = server, device_owner compute:{@code zone},
     * binding:host_id = host) on the network, with {@code fixedIp} when given, in the project's
     * security groups (names or ids; empty = default group).
     */
    Vif createPort(String serverUuid, String projectId, String networkId, String fixedIp, List<String> securityGroups,
                   String host, String zone, String tag);

    /** Binds a user's existing port to the server and host; fails when it is in use by another device. */
    Vif bindPort(String portId, String serverUuid, String host, String zone, String tag);

    /** Moves the server's ports to another host (resize to another host). */
    void rebindPorts(String serverUuid, String host);

    /** The ports whose device_id is the server, created by compute or not. */
    List<Vif> portsOf(String serverUuid);

    /** Deletes a port compute created; no-op when gone. */
    void deletePort(String portId);

    /** Clears device_id, device_owner and binding of a user's port; no-op when gone. */
    void unbindPort(String portId);
}
