package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.ServerService;
import org.apiary.http.ApiRequest;

/** Field formats shared by the server calls (nova/api/validation/parameter_types.py). */
final class ServerFields {
    private ServerFields() {}

    static final String UUID_RE = "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}";
    private static final String METADATA_KEY = "[a-zA-Z0-9\\-_:. ]{1,255}";
    private static final String HOSTNAME = "^[a-zA-Z0-9]+[a-zA-Z0-9-]*[a-zA-Z0-9]+$";

    /** Nova's RequestContext for a server call. */
    static ServerService.Caller caller(ApiRequest req, Authz authz) {
        return new ServerService.Caller(req.auth().projectId(), req.auth().userId(), req.requestId(),
                authz.isAdmin(req));
    }

    static String string(ObjectNode node, String field, String path) {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual()) {
            throw Requests.invalid(path, n, (n == null ? "None" : n.toString()) + " is not of type 'string'");
        }
        return n.asText();
    }

    /** parameter_types.metadata: keys of 1-255 safe characters, string values of at most 255. */
    static Map<String, String> metadata(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw Requests.invalid(path, n, (n == null ? "None" : n.toString()) + " is not of type 'object'");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().matches(METADATA_KEY)) {
                throw ServiceException.badRequest("Invalid input for field/attribute " + path + ". Value: "
                        + Requests.abbreviate(n.toString()) + ". Additional properties are not allowed ('"
                        + e.getKey() + "' was unexpected)");
            }
            JsonNode v = e.getValue();
            if (!v.isTextual()) {
                throw Requests.invalid(path + "/" + e.getKey(), v, v + " is not of type 'string'");
            }
            if (v.asText().length() > 255) {
                throw Requests.invalid(path + "/" + e.getKey(), v, "'" + Requests.abbreviate(v.asText())
                        + "' is too long");
            }
            out.put(e.getKey(), v.asText());
        }
        return out;
    }

    static String ipv4(ObjectNode node, String field, String path) {
        String s = string(node, field, path);
        if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || !isAddress(s)) {
            throw Requests.invalid(path, s, "'" + s + "' is not a 'ipv4'");
        }
        return s;
    }

    static String ipv6(ObjectNode node, String field, String path) {
        String s = string(node, field, path);
        if (!s.contains(":") || !s.matches("[0-9a-fA-F:.]+") || !isAddress(s)) {
            throw Requests.invalid(path, s, "'" + s + "' is not a 'ipv6'");
        }
        return canonicalIpv6(s);
    }

    /**
     * RFC 5952 text of an IPv6 address, as Nova stores accessIPv6 (netaddr, which prints as
     * inet_ntop does): lower case, the longest run of two or more zero groups as "::", and the
     * IPv4-compatible and -mapped forms with a dotted tail.
     */
    static String canonicalIpv6(String literal) {
        byte[] b;
        try {
            b = InetAddress.getByName(literal).getAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
        if (b.length == 4) {
            // Java turns ::ffff:a.b.c.d into an IPv4 address.
            return "::ffff:" + (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            if (i == 6 && bestStart == 0 && (bestLen == 6 || bestLen == 5 && w[5] == 0xffff)) {
                out.append((w[6] >> 8) + "." + (w[6] & 0xff) + "." + (w[7] >> 8) + "." + (w[7] & 0xff));
                break;
            }
            out.append(Integer.toHexString(w[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }

    /** An IPv4 or IPv6 address (fixed_ip). */
    static boolean isIp(String s) {
        return (s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || s.contains(":") && s.matches("[0-9a-fA-F:.]+"))
                && isAddress(s);
    }

    /** Literal addresses only: the patterns above keep InetAddress from resolving names. */
    private static boolean isAddress(String s) {
        try {
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String hostname(ObjectNode node, String field, String path) {
        String s = string(node, field, path);
        Requests.lengthBetween(path, s, 2, 63);
        if (!s.matches(HOSTNAME.substring(1, HOSTNAME.length() - 1))) {
            throw Requests.invalid(path, s, "'" + s + "' does not match '" + HOSTNAME + "'");
        }
        return s;
    }

    static void diskConfig(ObjectNode node, String field, String path) {
        JsonNode n = node.get(field);
        if (n == null || !n.isTextual() || !List.of("AUTO", "MANUAL").contains(n.asText())) {
            throw Requests.invalid(path, n, (n == null ? "None" : n.toString()) + " is not one of ['AUTO', 'MANUAL']");
        }
    }

    /** user_data: base64 of at most 65535 characters, kept as the client sent it (Nova stores it so). */
    static String userData(JsonNode n, String path) {
        if (n == null || !n.isTextual()) {
            throw Requests.invalid(path, n, (n == null ? "None" : n.toString()) + " is not of type 'string'");
        }
        String s = n.asText();
        if (s.length() > 65535) {
            throw Requests.invalid(path, "...", "'" + Requests.abbreviate(s) + "' is too long");
        }
        try {
            Base64.getDecoder().decode(s.replace("\n", "").replace("\r", ""));
        } catch (IllegalArgumentException e) {
            throw Requests.invalid(path, s, "'" + Requests.abbreviate(s) + "' is not a 'base64'");
        }
        return s;
    }

    /** parameter_types.tag: 1-60 characters without ',' or '/'. */
    static String tag(JsonNode n, String path) {
        if (n == null || !n.isTextual()) {
            throw Requests.invalid(path, n, (n == null ? "None" : n.toString()) + " is not of type 'string'");
        }
        String s = n.asText();
        Requests.lengthBetween(path, s, 1, 60);
        if (s.contains(",") || s.contains("/")) {
            throw Requests.invalid(path, s, "'" + s + "' does not match '^[^,/]*$'");
        }
        return s;
    }

    static String uuid(JsonNode n, String path) {
        if (n == null || !n.isTextual() || !n.asText().matches(UUID_RE)) {
            throw Requests.invalid(path, n, (n == null ? "None" : n.toString()) + " is not a 'uuid'");
        }
        return n.asText();
    }

    /** common.get_id_from_href: the last path segment of a link, or the value itself. */
    static String idFromHref(String ref) {
        String s = ref;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
