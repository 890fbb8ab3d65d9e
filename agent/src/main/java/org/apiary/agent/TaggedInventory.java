package org.apiary.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The helper's list_tagged answer: every host object carrying our tag, with its owner. Parsed
 * leniently (a missing list is empty) so a helper that grows new kinds does not break the agent.
 */
record TaggedInventory(List<Named> bridges, List<Named> vlans, List<Named> vxlans, List<Named> taps,
                       List<String> domains, List<Dhcp> dhcp) {
    record Named(String name, String owner) {}

    record Dhcp(String owner, boolean running) {}

    static TaggedInventory parse(JsonNode n) {
        List<String> domains = new ArrayList<>();
        for (JsonNode d : n.path("domains")) {
            if (d.hasNonNull("owner")) {
                domains.add(d.get("owner").asText());
            }
        }
        List<Dhcp> dhcp = new ArrayList<>();
        for (JsonNode d : n.path("dhcp")) {
            if (d.hasNonNull("owner")) {
                dhcp.add(new Dhcp(d.get("owner").asText(), d.path("running").asBoolean(false)));
            }
        }
        return new TaggedInventory(named(n.path("bridges")), named(n.path("vlans")), named(n.path("vxlans")),
                named(n.path("taps")), List.copyOf(domains), List.copyOf(dhcp));
    }

    private static List<Named> named(JsonNode list) {
        List<Named> out = new ArrayList<>();
        for (JsonNode i : list) {
            if (i.hasNonNull("name") && i.hasNonNull("owner")) {
                out.add(new Named(i.get("name").asText(), i.get("owner").asText()));
            }
        }
        return List.copyOf(out);
    }
}
