package org.apiary.network.domain;

import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;

/**
 * Neutron's typed failures (neutron_lib.exceptions): the code of each ServiceException is the
 * upstream exception class name, which the error renderer puts in {@code NeutronError.type};
 * messages are upstream's message templates filled in.
 */
public final class Faults {
    private Faults() {}

    /** Code of a failed {@code If-Match: revision_number=N}; rendered as 412. */
    public static final String REVISION_MISMATCH = "RevisionNumberConstraintFailed";

    public static ServiceException of(ErrorKind kind, String type, String message) {
        return new ServiceException(kind, message, type);
    }

    public static ServiceException invalidInput(String message) {
        return of(ErrorKind.BAD_REQUEST, "InvalidInput", "Invalid input for operation: " + message + ".");
    }

    public static ServiceException badRequest(String resource, String message) {
        return of(ErrorKind.BAD_REQUEST, "BadRequest", "Bad " + resource + " request: " + message + ".");
    }

    public static ServiceException networkNotFound(String id) {
        return of(ErrorKind.NOT_FOUND, "NetworkNotFound", "Network " + id + " could not be found.");
    }

    public static ServiceException subnetNotFound(String id) {
        return of(ErrorKind.NOT_FOUND, "SubnetNotFound", "Subnet " + id + " could not be found.");
    }

    public static ServiceException portNotFound(String id) {
        return of(ErrorKind.NOT_FOUND, "PortNotFound", "Port " + id + " could not be found.");
    }

    public static ServiceException securityGroupNotFound(String id) {
        return of(ErrorKind.NOT_FOUND, "SecurityGroupNotFound", "Security group " + id + " does not exist");
    }

    public static ServiceException securityGroupRuleNotFound(String id) {
        return of(ErrorKind.NOT_FOUND, "SecurityGroupRuleNotFound", "Security group rule " + id
                + " does not exist");
    }

    public static ServiceException agentNotFound(String id) {
        return of(ErrorKind.NOT_FOUND, "AgentNotFound", "Agent " + id + " could not be found.");
    }

    public static ServiceException networkInUse(String id, String reason) {
        return of(ErrorKind.CONFLICT, "NetworkInUse", "Unable to complete operation on network " + id + ". "
                + reason + ".");
    }

    public static ServiceException subnetInUse(String id) {
        return of(ErrorKind.CONFLICT, "SubnetInUse", "Unable to complete operation on subnet " + id
                + ": One or more ports have an IP allocation from this subnet.");
    }

    public static ServiceException macInUse(String networkId, String mac) {
        return of(ErrorKind.CONFLICT, "MacAddressInUse", "Unable to complete operation for network " + networkId
                + ". The mac address " + mac + " is in use.");
    }

    public static ServiceException ipInUse(String networkId, String ip) {
        return of(ErrorKind.CONFLICT, "IpAddressInUse", "Unable to complete operation for network " + networkId
                + ". The IP address " + ip + " is in use.");
    }

    public static ServiceException ipGenerationFailure(String networkId) {
        return of(ErrorKind.CONFLICT, "IpAddressGenerationFailure", "No more IP addresses available on network "
                + networkId + ".");
    }

    public static ServiceException invalidIpForSubnet(String ip) {
        return of(ErrorKind.BAD_REQUEST, "InvalidIpForSubnet", "IP address " + ip
                + " is not a valid IP for the specified subnet.");
    }

    public static ServiceException invalidIpForNetwork(String ip) {
        return of(ErrorKind.BAD_REQUEST, "InvalidIpForNetwork", "IP address " + ip
                + " is not a valid IP for any of the subnets on the specified network.");
    }

    public static ServiceException overQuota(String resource) {
        return of(ErrorKind.CONFLICT, "OverQuota", "Quota exceeded for resources: ['" + resource + "'].");
    }

    public static ServiceException segmentInUse(Segment s) {
        return switch (s.networkType()) {
            case "vlan" -> of(ErrorKind.CONFLICT, "VlanIdInUse", "Unable to create the network. The VLAN "
                    + s.segmentationId() + " on physical network " + s.physicalNetwork() + " is in use.");
            case "flat" -> of(ErrorKind.CONFLICT, "FlatNetworkInUse", "Unable to create the flat network. "
                    + "Physical network " + s.physicalNetwork() + " is in use.");
            default -> of(ErrorKind.CONFLICT, "TunnelIdInUse", "Unable to create the network. The tunnel ID "
                    + s.segmentationId() + " is in use.");
        };
    }

    public static ServiceException noNetworkAvailable() {
        return of(ErrorKind.SERVICE_UNAVAILABLE, "NoNetworkAvailable",
                "Unable to create the network. No tenant network is available for allocation.");
    }

    public static ServiceException revisionMismatch(long expected, long current) {
        return of(ErrorKind.CONFLICT, REVISION_MISMATCH, "Constrained to " + expected + ", but current revision is "
                + current);
    }

    public static ServiceException concurrentUpdate() {
        return of(ErrorKind.CONFLICT, "Conflict", "Another request concurrently changed the same data; retry.");
    }
}
