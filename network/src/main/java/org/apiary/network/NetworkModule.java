package org.apiary.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiary.common.config.Config;
import org.apiary.common.config.ConfigException;
import org.apiary.common.policy.PolicyEngine;
import org.apiary.http.ApiService;
import org.apiary.http.RouteTable;
import org.apiary.network.api.AgentsResource;
import org.apiary.network.api.Authz;
import org.apiary.network.api.Listing;
import org.apiary.network.api.NetworkPolicies;
import org.apiary.network.api.NetworksResource;
import org.apiary.network.api.NeutronErrors;
import org.apiary.network.api.PortsResource;
import org.apiary.network.api.QuotasResource;
import org.apiary.network.api.RootResource;
import org.apiary.network.api.SecurityGroupRulesResource;
import org.apiary.network.api.SecurityGroupsResource;
import org.apiary.network.api.SubnetsResource;
import org.apiary.network.api.TagsResource;
import org.apiary.network.domain.AgentService;
import org.apiary.network.domain.Changes;
import org.apiary.network.domain.NetworkService;
import org.apiary.network.domain.PortService;
import org.apiary.network.domain.QuotaService;
import org.apiary.network.domain.SecurityGroupService;
import org.apiary.network.domain.SegmentConfig;
import org.apiary.network.domain.SubnetService;
import org.apiary.network.domain.TagService;
import org.apiary.network.rpc.NetworkAgentRpc;
import org.apiary.network.rpc.NetworkChangeListener;
import org.apiary.network.store.sql.SqlAgentStore;
import org.apiary.network.store.sql.SqlMiscStore;
import org.apiary.network.store.sql.SqlNetworkStore;
import org.apiary.network.store.sql.SqlSecurityGroupStore;
import org.apiary.store.Database;

/**
 * Composition root of the network service (Neutron v2.0): stores → domain services → resources,
 * one route table, and the controller side of the agent RPC. The database must have been
 * migrated ({@code db.migrate("network")}).
 */
public final class NetworkModule {
    private final Database database;
    private final RouteTable routes = new RouteTable();
    private final PolicyEngine policy;
    private final AgentService agents;
    private final NetworkService networks;
    private final SubnetService subnets;
    private final PortService ports;
    private final SecurityGroupService groups;

    public NetworkModule(Config config, Database db, NetworkChangeListener listener) throws IOException {
        this.database = db;
        SegmentConfig segments;
        try {
            segments = SegmentConfig.parse(config.get(NetworkOptions.TENANT_NETWORK_TYPES),
                    config.get(NetworkOptions.VNI_RANGES), config.get(NetworkOptions.NETWORK_VLAN_RANGES),
                    config.get(NetworkOptions.FLAT_NETWORKS), config.get(NetworkOptions.GLOBAL_PHYSNET_MTU));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("[network] " + e.getMessage());
        }
        if (config.get(NetworkOptions.DHCP_AGENTS_PER_NETWORK) != 1) {
            throw new ConfigException(NetworkOptions.DHCP_AGENTS_PER_NETWORK.key() + ": only 1 is supported");
        }
        String policyFile = config.get(NetworkOptions.POLICY_FILE);
        this.policy = new PolicyEngine(NetworkPolicies.DEFAULTS).withOverrides(policyFile == null ? null
                : Path.of(policyFile));
        Changes changes = new Changes(listener);
        SqlNetworkStore store = new SqlNetworkStore(db);
        SqlMiscStore misc = new SqlMiscStore(db);
        QuotaService quotas = new QuotaService(misc, Map.of("network", config.get(NetworkOptions.QUOTA_NETWORK),
                "subnet", config.get(NetworkOptions.QUOTA_SUBNET), "port", config.get(NetworkOptions.QUOTA_PORT),
                "security_group", config.get(NetworkOptions.QUOTA_SECURITY_GROUP),
                "security_group_rule", config.get(NetworkOptions.QUOTA_SECURITY_GROUP_RULE)));
        quotas.countWith(store);
        this.networks = new NetworkService(store, segments, quotas, changes);
        this.subnets = new SubnetService(store, quotas, changes, config.get(NetworkOptions.MAX_DNS_NAMESERVERS),
                config.get(NetworkOptions.MAX_SUBNET_HOST_ROUTES));
        this.groups = new SecurityGroupService(new SqlSecurityGroupStore(db), quotas);
        try {
            this.ports = new PortService(store, networks, groups, quotas, changes, config.get(NetworkOptions.BASE_MAC),
                    config.get(NetworkOptions.MAX_ALLOWED_ADDRESS_PAIR));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        TagService tags = new TagService(misc);
        this.agents = new AgentService(new SqlAgentStore(db), networks, subnets, ports, changes,
                config.get(NetworkOptions.AGENT_DOWN_TIME));

        Authz authz = new Authz(policy);
        Listing listing = new Listing(config.get(NetworkOptions.PAGINATION_MAX_LIMIT));
        new RootResource().register(routes);
        NetworksResource networksResource = new NetworksResource(networks, subnets, groups, tags, authz, listing);
        networksResource.register(routes);
        new SubnetsResource(subnets, networks, tags, authz, listing).register(routes);
        new PortsResource(ports, networks, tags, authz, listing).register(routes);
        new AgentsResource(agents, networks, networksResource, authz, listing).register(routes);
        new SecurityGroupsResource(groups, tags, authz, listing).register(routes);
        new SecurityGroupRulesResource(groups, authz, listing).register(routes);
        new QuotasResource(quotas, authz).register(routes);
        new TagsResource(tags, networks, subnets, ports, groups, authz).register(routes);
    }

    /** The Neutron API for the shared HTTP server. */
    public ApiService service(String authenticateUri) {
        return new ApiService("network", routes, new NeutronErrors(),
                List.of(() -> database.ping() ? Optional.empty() : Optional.of("database unreachable")),
                authenticateUri);
    }

    /** The controller side of the agent contract, for the bus (or in-process agents). */
    public NetworkAgentRpc agentRpc() {
        return agents;
    }

    public PolicyEngine policy() {
        return policy;
    }

    // The domain services, for in-process callers (the compute bridges in the server module);
    // their writes announce changes to agents exactly as the API's do.

    public NetworkService networks() {
        return networks;
    }

    public SubnetService subnets() {
        return subnets;
    }

    public PortService ports() {
        return ports;
    }

    public SecurityGroupService securityGroups() {
        return groups;
    }
}
