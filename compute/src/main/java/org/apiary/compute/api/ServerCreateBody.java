package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;
import org.apiary.compute.domain.RequestedNetwork;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;

/**
 * The POST /servers body, checked against schemas/servers.py for the request's microversion and
 * turned into a {@link ServerService.CreateRequest}. Volumes, file injection and trusted image
 * certificates are refused with a 400 that says so, rather than silently dropped.
 */
final class ServerCreateBody {
    private ServerCreateBody() {}

    /** The parsed request plus what only the API answer needs. */
    record Parsed(ServerService.CreateRequest request, String adminPass, boolean returnReservationId,
                  boolean forcedHost, boolean requestedDestination, boolean attachNetwork) {}

    private static final String PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static Parsed parse(ApiRequest req) {
        ObjectNode root = root(req);
        Requests.allowOnly(root, "", List.of("server", "os:scheduler_hints", "OS-SCH-HNT:scheduler_hints"));
        Requests.require(root, "", "server");
        if (!root.get("server").isObject()) {
            throw Requests.invalid("server", root.get("server"), root.get("server") + " is not of type 'object'");
        }
        ObjectNode s = (ObjectNode) root.get("server");
        Requests.allowOnly(s, "server", allowed(req));
        boolean v237 = req.atLeast("2.37");
        Requests.require(s, "server", v237 ? new String[] {"name", "flavorRef", "networks"}
                : new String[] {"name", "flavorRef"});
        String name = Requests.name(s, "name");
        String flavorRef = flavorRef(s.get("flavorRef"));
        String adminPass = s.has("adminPass") ? ServerFields.string(s, "adminPass", "adminPass") : password();
        Map<String, String> metadata = s.has("metadata") ? ServerFields.metadata(s.get("metadata"), "metadata")
                : Map.of();
        String ip4 = s.has("accessIPv4") ? ServerFields.ipv4(s, "accessIPv4", "accessIPv4") : null;
        String ip6 = s.has("accessIPv6") ? ServerFields.ipv6(s, "accessIPv6", "accessIPv6") : null;
        if (s.has("OS-DCF:diskConfig")) {
            ServerFields.diskConfig(s, "OS-DCF:diskConfig", "OS-DCF:diskConfig");
        }
        if (s.has("personality") && !(s.get("personality").isArray() && s.get("personality").isEmpty())) {
            throw ServiceException.badRequest("Personality (file injection) is not supported by this cloud; "
                    + "pass files in user_data or a config drive instead.");
        }
        String zoneSpec = s.has("availability_zone") ? Requests.name(s, "availability_zone") : null;
        String imageRef = image(s);
        boolean configDrive = s.has("config_drive") && Requests.bool(s, "config_drive");
        String keyName = s.has("key_name") ? Requests.name(s, "key_name") : null;
        int min = s.has("min_count") ? positive(s, "min_count") : 1;
        int max = s.has("max_count") ? positive(s, "max_count") : min;
        if (min > max) {
            throw ServiceException.badRequest("min_count must be <= max_count");
        }
        boolean returnReservation = s.has("return_reservation_id") && Requests.bool(s, "return_reservation_id");
        List<String> groups = securityGroups(s.get("security_groups"));
        String userData = s.has("user_data") && !s.get("user_data").isNull()
                ? ServerFields.userData(s.get("user_data"), "user_data") : null;
        String description = req.atLeast("2.19") ? FlavorsResource.description(s.get("description")) : name;
        List<String> tags = req.atLeast("2.52") && s.has("tags") ? tags(s.get("tags")) : List.of();
        if (req.atLeast("2.63") && s.has("trusted_image_certificates") && !s.get("trusted_image_certificates").isNull()) {
            throw ServiceException.badRequest("Trusted image certificates are not supported by this cloud.");
        }
        String host = req.atLeast("2.74") && s.has("host") ? fqdn(s, "host") : null;
        String node = req.atLeast("2.74") && s.has("hypervisor_hostname") ? fqdn(s, "hypervisor_hostname") : null;
        String hostname = req.atLeast("2.90") && s.has("hostname") ? ServerFields.hostname(s, "hostname", "hostname")
                : null;

        // "az", "az:host", "az::node" or "az:host:node" (compute API parse_availability_zone).
        String zone = zoneSpec;
        String forcedHost = null;
        String forcedNode = null;
        if (zoneSpec != null && zoneSpec.contains(":")) {
            long colons = zoneSpec.chars().filter(c -> c == ':').count();
            if (colons == 1) {
                forcedHost = zoneSpec.substring(zoneSpec.indexOf(':') + 1);
                zone = zoneSpec.substring(0, zoneSpec.indexOf(':'));
            } else if (colons == 2 && zoneSpec.contains("::")) {
                forcedNode = zoneSpec.substring(zoneSpec.indexOf("::") + 2);
                zone = zoneSpec.substring(0, zoneSpec.indexOf("::"));
            } else if (colons == 2) {
                String[] parts = zoneSpec.split(":", 3);
                zone = parts[0];
                forcedHost = parts[1];
                forcedNode = parts[2];
            } else {
                throw ServiceException.badRequest("Invalid input received: Unable to parse availability_zone");
            }
            forcedHost = forcedHost == null || forcedHost.isEmpty() ? null : forcedHost;
            forcedNode = forcedNode == null || forcedNode.isEmpty() ? null : forcedNode;
            zone = zone.isEmpty() ? null : zone;
        }
        boolean forced = forcedHost != null || forcedNode != null;
        if (forced && (host != null || node != null)) {
            throw ServiceException.badRequest("Providing a host or hypervisor_hostname together with a forced host "
                    + "in availability_zone is not supported.");
        }

        String networkMode;
        List<RequestedNetwork> networks = new ArrayList<>();
        JsonNode nets = s.get("networks");
        if (nets == null || nets.isArray() && nets.isEmpty()) {
            networkMode = "auto";
        } else if (nets.isTextual() && v237 && (nets.asText().equals("auto") || nets.asText().equals("none"))) {
            networkMode = nets.asText();
        } else if (nets.isArray()) {
            networkMode = "list";
            networks = networks(req, nets);
        } else {
            throw Requests.invalid("networks", nets, nets + (v237 ? " is not valid under any of the given schemas"
                    : " is not of type 'array'"));
        }
        String group = hints(root);
        ServerService.CreateRequest r = new ServerService.CreateRequest(name, imageRef, flavorRef, networkMode,
                networks, groups, keyName, userData, metadata, configDrive, zone,
                forcedHost != null ? forcedHost : host, forcedNode != null ? forcedNode : node, group, tags, min, max,
                description, hostname, ip4, ip6);
        return new Parsed(r, adminPass, returnReservation, forced, host != null || node != null,
                !networkMode.equals("none"));
    }

    private static List<String> allowed(ApiRequest req) {
        List<String> a = new ArrayList<>(List.of("name", "imageRef", "flavorRef", "adminPass", "metadata", "networks",
                "OS-DCF:diskConfig", "accessIPv4", "accessIPv6", "availability_zone", "block_device_mapping",
                "block_device_mapping_v2", "config_drive", "key_name", "min_count", "max_count",
                "return_reservation_id", "security_groups", "user_data"));
        if (!req.atLeast("2.57")) {
            a.add("personality");
        }
        if (req.atLeast("2.19")) {
            a.add("description");
        }
        if (req.atLeast("2.52")) {
            a.add("tags");
        }
        if (req.atLeast("2.63")) {
            a.add("trusted_image_certificates");
        }
        if (req.atLeast("2.74")) {
            a.addAll(List.of("host", "hypervisor_hostname"));
        }
        if (req.atLeast("2.90")) {
            a.add("hostname");
        }
        return a;
    }

    /** utils.generate_password: 12 characters without look-alikes. */
    static String password() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            sb.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
        }
        return sb.toString();
    }

    static String flavorRef(JsonNode n) {
        if (n == null || !(n.isTextual() || n.isIntegralNumber())) {
            throw Requests.invalid("flavorRef", n, (n == null ? "None" : n.toString())
                    + " is not of type 'string', 'integer'");
        }
        if (n.asText().isEmpty()) {
            throw Requests.invalid("flavorRef", n, "'' is too short");
        }
        return ServerFields.idFromHref(n.asText());
    }

    private static int positive(ObjectNode s, String field) {
        JsonNode n = s.get(field);
        if (n != null && n.isTextual() && !n.asText().matches("[0-9]+")) {
            throw Requests.invalid(field, n, "'" + n.asText() + "' does not match '^[0-9]*$'");
        }
        return Requests.integer(s, field, 1, Requests.MAX_INT);
    }

    private static String fqdn(ObjectNode s, String field) {
        String v = ServerFields.string(s, field, field);
        Requests.lengthBetween(field, v, 1, 255);
        if (!v.matches("[a-zA-Z0-9-._]*")) {
            throw Requests.invalid(field, v, "'" + v + "' does not match '^[a-zA-Z0-9-._]*$'");
        }
        return v;
    }

    /**
     * imageRef, or the image of the one block device mapping supported: the image-backed local
     * root disk (source image, destination local, boot index 0). Anything else needs volumes.
     */
    private static String image(ObjectNode s) {
        JsonNode ref = s.get("imageRef");
        String image = null;
        if (ref != null) {
            if (!ref.isTextual() || !(ref.asText().isEmpty() || ref.asText().matches(ServerFields.UUID_RE))) {
                throw Requests.invalid("imageRef", ref, ref + " is not valid under any of the given schemas");
            }
            image = ref.asText().isEmpty() ? null : ref.asText();
        }
        if (s.has("block_device_mapping") && s.has("block_device_mapping_v2")) {
            throw ServiceException.badRequest("Using different block_device_mapping syntaxes is not allowed in the "
                    + "same request.");
        }
        JsonNode legacy = s.get("block_device_mapping");
        if (legacy != null && !(legacy.isArray() && legacy.isEmpty())) {
            throw volumesNotSupported();
        }
        JsonNode bdms = s.get("block_device_mapping_v2");
        if (bdms != null && !(bdms.isArray() && bdms.isEmpty())) {
            if (!bdms.isArray() || bdms.size() != 1 || !bdms.get(0).isObject()) {
                throw volumesNotSupported();
            }
            JsonNode b = bdms.get(0);
            boolean imageLocal = "image".equals(b.path("source_type").asText(null))
                    && "local".equals(b.path("destination_type").asText("local"))
                    && b.path("boot_index").asText("").equals("0")
                    && b.path("uuid").isTextual();
            if (!imageLocal) {
                throw volumesNotSupported();
            }
            String bdmImage = b.get("uuid").asText();
            if (image != null && !image.equals(bdmImage)) {
                throw ServiceException.badRequest("The image " + bdmImage + " of block_device_mapping_v2 differs from "
                        + "imageRef " + image + ".");
            }
            image = bdmImage;
        }
        if (image == null) {
            throw ServiceException.badRequest("Missing imageRef attribute");
        }
        return image;
    }

    private static ServiceException volumesNotSupported() {
        return ServiceException.badRequest("Block device mappings are not supported except a single image-backed "
                + "local root disk (source_type image, destination_type local, boot_index 0): this cloud has no "
                + "volume service.");
    }

    private static List<String> securityGroups(JsonNode n) {
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            throw Requests.invalid("security_groups", n, n + " is not of type 'array'");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode g : n) {
            if (!g.isObject()) {
                throw Requests.invalid("security_groups", g, g + " is not of type 'object'");
            }
            Requests.allowOnly((ObjectNode) g, "security_groups", List.of("name"));
            if (g.has("name")) {
                names.add(Requests.name((ObjectNode) g, "name"));
            }
        }
        return List.copyOf(names);
    }

    private static List<String> tags(JsonNode n) {
        if (!n.isArray()) {
            throw Requests.invalid("tags", n, n + " is not of type 'array'");
        }
        if (n.size() > 50) {
            throw Requests.invalid("tags", n, Requests.abbreviate(n.toString()) + " is too long");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : n) {
            out.add(ServerFields.tag(t, "tags"));
        }
        return out;
    }

    private static List<RequestedNetwork> networks(ApiRequest req, JsonNode nets) {
        boolean tagged = req.atLeast("2.42") || (req.atLeast("2.32") && !req.atLeast("2.37"));
        List<String> allowed = tagged ? List.of("fixed_ip", "port", "uuid", "tag") : List.of("fixed_ip", "port", "uuid");
        List<RequestedNetwork> out = new ArrayList<>();
        Set<String> ports = new LinkedHashSet<>();
        for (JsonNode n : nets) {
            if (!n.isObject()) {
                throw ServiceException.badRequest("Bad networks format");
            }
            ObjectNode o = (ObjectNode) n;
            Requests.allowOnly(o, "networks", allowed);
            String fixedIp = null;
            if (o.has("fixed_ip")) {
                fixedIp = ServerFields.string(o, "fixed_ip", "networks/fixed_ip");
                if (!ServerFields.isIp(fixedIp)) {
                    throw Requests.invalid("networks/fixed_ip", fixedIp, "'" + fixedIp
                            + "' is not valid under any of the given schemas");
                }
            }
            String tag = o.has("tag") ? ServerFields.tag(o.get("tag"), "networks/tag") : null;
            JsonNode port = o.get("port");
            if (port != null && !port.isNull()) {
                String p = ServerFields.uuid(port, "networks/port");
                if (!ports.add(p)) {
                    throw ServiceException.badRequest("Port ID '" + p + "' was specified twice: you cannot attach a "
                            + "port multiple times.");
                }
                if (fixedIp != null) {
                    throw ServiceException.badRequest("Specified Fixed IP '" + fixedIp + "' cannot be used with port '"
                            + p + "': the two cannot be specified together.");
                }
                out.add(new RequestedNetwork(null, p, null, tag));
                continue;
            }
            JsonNode uuid = o.get("uuid");
            if (uuid == null) {
                throw ServiceException.badRequest("Bad network format: missing 'uuid'");
            }
            if (!uuid.isTextual()) {
                throw Requests.invalid("networks/uuid", uuid, uuid + " is not of type 'string'");
            }
            if (!uuid.asText().matches(ServerFields.UUID_RE)) {
                throw req.atLeast("2.37") ? Requests.invalid("networks/uuid", uuid, uuid + " is not a 'uuid'")
                        : ServiceException.badRequest("Bad networks format: network uuid is not in proper format ("
                        + uuid.asText() + ")");
            }
            out.add(new RequestedNetwork(uuid.asText(), null, fixedIp, tag));
        }
        return out;
    }

    /** The scheduler hints: only group is acted on; its value must be a uuid. */
    private static String hints(ObjectNode root) {
        JsonNode h = root.has("os:scheduler_hints") ? root.get("os:scheduler_hints")
                : root.get("OS-SCH-HNT:scheduler_hints");
        if (h == null) {
            return null;
        }
        if (!h.isObject()) {
            throw Requests.invalid("os:scheduler_hints", h, h + " is not of type 'object'");
        }
        JsonNode g = h.get("group");
        return g == null ? null : ServerFields.uuid(g, "os:scheduler_hints/group");
    }

    /** The body as an object, with the words of Requests.body (which allows only one member). */
    static ObjectNode root(ApiRequest req) {
        if (req.body().length == 0) {
            throw ServiceException.badRequest("The request body is missing or malformed.");
        }
        try {
            return Json.parseObject(req.body());
        } catch (ServiceException e) {
            throw ServiceException.badRequest("Malformed request body");
        }
    }
}
