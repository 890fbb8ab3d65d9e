package org.apiary.network.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ErrorKind;
import org.apiary.http.ApiRequest;
import org.apiary.http.ApiResponse;
import org.apiary.http.RouteTable;
import org.apiary.network.domain.Faults;

/** The version document, the v2.0 resource list and /v2.0/extensions (only what is implemented). */
public final class RootResource {
    /** alias, name, description, updated: neutron_lib's API definitions of the implemented extensions. */
    static final String[][] EXTENSIONS = {
            {"agent", "agent", "The agent management extension.", "2013-02-03T10:00:00-00:00"},
            {"dhcp_agent_scheduler", "DHCP Agent Scheduler", "Schedule networks among dhcp agents", "2013-02-07T10:00:00-00:00"},
            {"binding", "Port Binding", "Expose port bindings of a virtual port to external application", "2014-02-03T10:00:00-00:00"},
            {"provider", "Provider Network", "Expose mapping of virtual networks to physical networks", "2012-09-07T10:00:00-00:00"},
            {"external-net", "Neutron external network", "Adds external network attribute to network resource.", "2013-01-14T10:00:00-00:00"},
            {"allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs", "2013-07-23T10:00:00-00:00"},
            {"port-security", "Port Security", "Provides port security", "2012-07-23T10:00:00-00:00"},
            {"net-mtu", "Network MTU", "Provides MTU attribute for a network resource.", "2015-03-25T10:00:00-00:00"},
            {"net-mtu-writable", "Network MTU (writable)", "Provides a writable MTU attribute for a network resource.", "2017-07-12T00:00:00-00:00"},
            {"extra_dhcp_opt", "Neutron Extra DHCP options", "Extra options configuration for DHCP. For example PXE boot options to DHCP clients can be specified (e.g. tftp-server, server-ip-address, bootfile-name)", "2013-03-17T12:00:00-00:00"},
            {"project-id", "project_id field enabled", "Extension that indicates that project_id field is enabled.", "2016-09-09T09:09:09-09:09"},
            {"pagination", "Pagination support", "Extension that indicates that pagination is enabled.", "2016-06-12T00:00:00-00:00"},
            {"sorting", "Sorting support", "Extension that indicates that sorting is enabled.", "2016-06-12T00:00:00-00:00"},
            {"filter-validation", "Filter parameters validation", "Provides validation on filter parameters.", "2018-07-04T10:00:00-00:00"},
            {"standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources.", "2016-04-11T10:00:00-00:00"},
            {"revision-if-match", "If-Match constraints based on revision_number", "Extension indicating that If-Match based on revision_number is supported.", "2016-12-11T00:00:00-00:00"},
            {"standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.", "2016-09-12T10:00:00-00:00"},
            {"standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes", "2016-02-10T10:00:00-00:00"},
            {"security-group", "security-group", "The security groups extension.", "2012-10-05T10:00:00-00:00"},
            {"quotas", "Quota management support", "Expose functions for quotas management per project", "2012-07-29T10:00:00-00:00"},
            {"quota_details", "Quota details management support", "Expose functions for quotas usage statistics per project", "2017-02-10T10:00:00-00:00"},
            // upstream's name lists the resources that have tags in the running server
            {"standard-attr-tag", "Tag support for resources with standard attribute: network, subnet, port, security_group", "Enables to set tag on resources with standard attribute.", "2017-01-01T00:00:00-00:00"},
            {"ip-substring-filtering", "IP address substring filtering", "Provides IP address substring filtering when listing ports", "2017-11-28T09:00:00-00:00"},
    };

    public void register(RouteTable routes) {
        routes.addPublic("GET", "/", this::versions);
        routes.add("GET", "/v2.0", this::resources);
        routes.add("GET", "/v2.0/extensions", this::extensions);
        routes.add("GET", "/v2.0/extensions/{alias}", this::extension);
    }

    private ApiResponse versions(ApiRequest req) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v2.0");
        v.put("status", "CURRENT");
        v.put("links", List.of(Map.of("href", req.baseUrl() + "/v2.0/", "rel", "self")));
        return ApiResponse.ok(Map.of("versions", List.of(v)));
    }

    private ApiResponse resources(ApiRequest req) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] r : new String[][] {{"subnet", "subnets"}, {"network", "networks"}, {"port", "ports"},
                {"agent", "agents"}, {"security_group", "security-groups"},
                {"security_group_rule", "security-group-rules"}, {"quota", "quotas"}}) {
            out.add(Map.of("name", r[0], "collection", r[1], "links", List.of(Map.of("href",
                    req.baseUrl() + "/v2.0/" + r[1], "rel", "self"))));
        }
        return ApiResponse.ok(Map.of("resources", out));
    }

    static Map<String, Object> view(String[] e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e[1]);
        m.put("alias", e[0]);
        m.put("description", e[2]);
        m.put("updated", e[3]);
        m.put("links", List.of());
        return m;
    }

    private ApiResponse extensions(ApiRequest req) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] e : EXTENSIONS) {
            out.add(view(e));
        }
        return ApiResponse.ok(Map.of("extensions", out));
    }

    private ApiResponse extension(ApiRequest req) {
        String alias = req.param("alias");
        for (String[] e : EXTENSIONS) {
            if (e[0].equals(alias)) {
                return ApiResponse.ok(Map.of("extension", view(e)));
            }
        }
        throw Faults.of(ErrorKind.NOT_FOUND, "HTTPNotFound", "Extension with alias " + alias + " does not exist");
    }
}
