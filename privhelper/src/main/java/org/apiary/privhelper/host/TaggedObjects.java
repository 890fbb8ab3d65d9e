package org.apiary.privhelper.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apiary.privhelper.ops.Check;
import org.apiary.privhelper.protocol.Wire;

/**
 * The list_tagged answer, built the same way on both platforms: each backend feeds in what it read
 * from the host, this class keeps only what carries our prefix and tag and renders the contract
 * {"bridges":[{"name","owner"}], "taps", "vlans", "vxlans", "domains":[{"owner"}],
 * "dhcp":[{"owner","running"}], "guests":[{"name","owner","running"}]}.
 */
public final class TaggedObjects {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final ObjectNode root = Wire.MAPPER.createObjectNode();
    private final ArrayNode bridges = root.putArray("bridges"), taps = root.putArray("taps"),
            vlans = root.putArray("vlans"), vxlans = root.putArray("vxlans"), domains = root.putArray("domains"),
            dhcp = root.putArray("dhcp"), guests = root.putArray("guests");

    /** The owner in a tag "apiary:&lt;uuid&gt;", or empty if the text is not exactly our tag. */
    public static Optional<String> ownerOfTag(String tag) {
        if (tag == null || !tag.startsWith("apiary:")) {
            return Optional.empty();
        }
        String owner = tag.substring("apiary:".length());
        return UUID.matcher(owner).matches() ? Optional.of(owner) : Optional.empty();
    }

    /** The owner in a domain name "apiary-&lt;uuid&gt;", or empty. */
    public static Optional<String> ownerOfDomain(String name) {
        if (!name.startsWith(Check.DOMAIN)) {
            return Optional.empty();
        }
        String owner = name.substring(Check.DOMAIN.length());
        return UUID.matcher(owner).matches() ? Optional.of(owner) : Optional.empty();
    }

    /**
     * An interface the host reported with its tag text. Kept only if its name has one of our
     * prefixes and is valid, and the tag is ours; the prefix decides the list (veth/epair ends
     * belong to their domain and are not listed apart).
     */
    public void iface(String name, String tag) {
        Optional<String> owner = ownerOfTag(tag);
        if (owner.isEmpty() || name.length() > Check.IFNAME_MAX || !name.matches("ap[btlx]-[a-z0-9][a-z0-9-]*")) {
            return;
        }
        ArrayNode list = switch (name.substring(0, 4)) {
            case Check.BRIDGE -> bridges;
            case Check.TAP -> taps;
            case Check.VLAN -> vlans;
            case Check.VXLAN -> vxlans;
            default -> null;
        };
        if (list != null) {
            list.addObject().put("name", name).put("owner", owner.get());
        }
    }

    public void domain(String name) {
        ownerOfDomain(name).ifPresent(o -> domains.addObject().put("owner", o));
    }

    public void dhcp(String owner, boolean running) {
        dhcp.addObject().put("owner", owner).put("running", running);
    }

    public void guest(String name, boolean running) {
        guests.addObject().put("name", name).put("owner", name).put("running", running);
    }

    /** Owners with a DHCP state directory "dhcp-&lt;uuid&gt;" under the state root (never following links). */
    public static List<String> dhcpOwners(Path stateRoot) {
        List<String> owners = new ArrayList<>();
        try (var entries = Files.list(stateRoot)) {
            for (Path p : entries.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("dhcp-") && UUID.matcher(n.substring(5)).matches()
                        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    owners.add(n.substring(5));
                }
            }
        } catch (IOException e) {
            // no state root yet: no DHCP servers
        }
        return owners;
    }

    public void dhcpFrom(Path stateRoot, Predicate<String> running) {
        for (String owner : dhcpOwners(stateRoot)) {
            dhcp(owner, running.test(owner));
        }
    }

    public JsonNode json() {
        return root;
    }
}
