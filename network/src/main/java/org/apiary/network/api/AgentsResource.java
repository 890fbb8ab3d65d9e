package org.apiary.network.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.network.domain.Agent;
import org.apiary.network.domain.AgentService;
import org.apiary.network.domain.Faults;
import org.apiary.network.domain.Network;
import org.apiary.network.domain.NetworkService;

/** /v2.0/agents and the DHCP scheduler views (admin only by default). */
public final class AgentsResource {
    private final AgentService agents;
    private final NetworkService networks;
    private final NetworksResource networkViews;
    private final Authz authz;
    private final Listing listing;

    public AgentsResource(AgentService agents, NetworkService networks, NetworksResource networkViews, Authz authz,
                          Listing listing) {
        this.agents = agents;
        this.networks = networks;
        this.networkViews = networkViews;
        this.authz = authz;
        this.listing = listing;
    }

    public void register(RouteTable routes) {
        routes.add("GET", "/v2.0/agents", this::list);
        routes.add("GET", "/v2.0/agents/{id}", this::show);
        routes.add("PUT", "/v2.0/agents/{id}", this::update);
        routes.add("DELETE", "/v2.0/agents/{id}", this::delete);
        routes.add("GET", "/v2.0/agents/{id}/dhcp-networks", this::dhcpNetworks);
        routes.add("GET", "/v2.0/networks/{id}/dhcp-agents", this::dhcpAgents);
    }

    private Map<String, Object> view(Agent a) {
        return Views.agent(a, agents.alive(a));
    }

    private ApiResponse list(ApiRequest req) {
        // As Neutron: a list is filtered by policy, so a caller without get_agent sees none.
        List<Map<String, Object>> all = new ArrayList<>();
        if (authz.allows(req, "get_agent", Map.of())) {
            agents.list().forEach(a -> all.add(view(a)));
        }
        return ApiResponse.ok(listing.render(req, "agents", all, List.of()));
    }

    private ApiResponse show(ApiRequest req) {
        if (!authz.allows(req, "get_agent", Map.of())) {
            throw Faults.agentNotFound(req.param("id"));
        }
        return ApiResponse.ok(Map.of("agent", Listing.fields(req, view(agents.get(req.param("id"))))));
    }

    private ApiResponse update(ApiRequest req) {
        authz.check(req, "update_agent", Map.of());
        ObjectNode b = Bodies.items(req, "agent", "agents", false).get(0);
        Bodies.allowOnly(b, Set.of("admin_state_up", "description"), "PUT");
        return ApiResponse.ok(Map.of("agent", view(agents.update(req.param("id"), Bodies.bool(b, "admin_state_up"),
                Bodies.string(b, "description", 255)))));
    }

    private ApiResponse delete(ApiRequest req) {
        authz.check(req, "delete_agent", Map.of());
        agents.delete(req.param("id"));
        return ApiResponse.noContent();
    }

    private ApiResponse dhcpNetworks(ApiRequest req) {
        authz.check(req, "get_dhcp-networks", Map.of());
        Agent a = agents.get(req.param("id"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : agents.networksOfAgent(a.id())) {
            networks.find(id).ifPresent(n -> out.add(Views.network(n, List.of(), List.of())));
        }
        return ApiResponse.ok(Map.of("networks", out));
    }

    private ApiResponse dhcpAgents(ApiRequest req) {
        authz.check(req, "get_dhcp-agents", Map.of());
        Network n = networks.find(req.param("id")).orElseThrow(() -> Faults.networkNotFound(req.param("id")));
        List<Map<String, Object>> out = new ArrayList<>();
        agents.dhcpAgentsOf(n.id()).forEach(a -> out.add(view(a)));
        return ApiResponse.ok(Map.of("agents", out));
    }
}
