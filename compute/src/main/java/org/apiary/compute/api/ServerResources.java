package org.apiary.compute.api;

import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.ConsoleService;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.SecurityGroupProxy;
import org.apiary.compute.domain.ServerService;
import org.apiary.compute.domain.ServerTags;

/**
 * Registers the server resources (servers, actions, metadata, tags, instance actions, ips, password,
 * external events) on the route table.
 */
public final class ServerResources {
    private ServerResources() {}

    public static void register(NovaRoutes routes, ServerService servers, ServerTags tags, HostService hosts,
                                ConsoleService consoles, SecurityGroupProxy securityGroups, Authz authz,
                                int maxLimit) {
        ServerViews views = new ServerViews(authz, host -> hostStatus(hosts, host), tags::groupsOf);
        new ServersResource(servers, views, authz, maxLimit).register(routes);
        ServerActionsResource actions = new ServerActionsResource(servers, views, authz);
        new RemoteConsolesResource(servers, consoles, authz).register(routes, actions);
        new SecurityGroupsResource(securityGroups, servers, authz, maxLimit).register(routes, actions);
        actions.register(routes);
        new ConsoleAuthTokensResource(consoles, authz).register(routes);
        new ServerMetadataResource(servers, authz).register(routes);
        new ServerTagsResource(servers, tags, authz).register(routes);
        new InstanceActionsResource(servers, authz, maxLimit).register(routes);
        new ServerIpsResource(servers, authz).register(routes);
        new ServerPasswordResource(servers, authz).register(routes);
        new ServerExternalEventsResource(servers, authz).register(routes);
    }

    /** Nova's get_instance_host_status: forced down DOWN, up UP (MAINTENANCE when disabled), else UNKNOWN. */
    static String hostStatus(HostService hosts, String host) {
        HostService.ServiceState st;
        try {
            st = hosts.serviceByHostAndBinary(host, HostService.COMPUTE);
        } catch (ServiceException e) {
            return "UNKNOWN";
        }
        if (st.service().forcedDown()) {
            return "DOWN";
        }
        if (st.up()) {
            return st.service().disabled() ? "MAINTENANCE" : "UP";
        }
        return "UNKNOWN";
    }
}
