package org.apiary.placement.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiary.common.error.ServiceException;
import org.apiary.http.ApiRequest;
import org.apiary.placement.api.schema.JsonSchema;

/** The filter syntaxes of GET /resource_providers (upstream util.normalize_*_qs_param). */
final class QueryFilters {
    private QueryFilters() {}

    record MemberOf(List<Set<String>> required, Set<String> forbidden) {}

    record Traits(List<Set<String>> required, Set<String> forbidden) {}

    /** member_of: one uuid, "in:a,b", and from 1.32 "!a" / "!in:a,b"; repeatable from 1.24. */
    static MemberOf memberOf(ApiRequest req, String suffix) {
        List<String> values = req.query().getOrDefault("member_of" + suffix, List.of());
        if (!req.atLeast("1.24") && values.size() > 1) {
            throw ServiceException.badRequest("Multiple member_of" + suffix + " parameters are not supported");
        }
        List<Set<String>> required = new ArrayList<>();
        Set<String> forbidden = new LinkedHashSet<>();
        for (String value : values) {
            if (value.contains(",") && !(value.startsWith("in:") || value.startsWith("!in:"))) {
                throw ServiceException.badRequest("Multiple values for 'member_of' must be prefixed with the 'in:' or "
                        + "'!in:' keyword using the valid microversion. Got: " + value);
            }
            Set<String> req1 = new LinkedHashSet<>();
            Set<String> forb = new LinkedHashSet<>();
            if (value.startsWith("!in:")) {
                forb.addAll(Arrays.asList(value.substring(4).split(",", -1)));
            } else if (value.startsWith("!")) {
                forb.add(value.substring(1));
            } else if (value.startsWith("in:")) {
                req1.addAll(Arrays.asList(value.substring(3).split(",", -1)));
            } else {
                req1.add(value);
            }
            for (String agg : concat(req1, forb)) {
                if (!JsonSchema.isUuidLike(agg)) {
                    throw ServiceException.badRequest("Invalid query string parameters: Expected 'member_of' "
                            + "parameter to contain valid UUID(s). Got: " + agg);
                }
            }
            if (!req1.isEmpty()) {
                required.add(req1);
            }
            if (!forb.isEmpty()) {
                if (!req.atLeast("1.32")) {
                    throw ServiceException.badRequest("Forbidden member_of" + suffix + " parameters are not supported "
                            + "in the specified microversion");
                }
                forbidden.addAll(forb);
            }
        }
        return new MemberOf(required, forbidden);
    }

    private static List<String> concat(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** required: "A,!B" (forbidden from 1.22), "in:A,B" and repetition from 1.39. */
    static Traits required(ApiRequest req, String suffix) {
        List<String> values = req.query().getOrDefault("required" + suffix, List.of());
        boolean allowForbidden = req.atLeast("1.22");
        boolean allowAny = req.atLeast("1.39");
        if (!allowAny && values.size() > 1) {
            values = values.subList(values.size() - 1, values.size()); // before 1.39 the last one wins
        }
        List<Set<String>> required = new ArrayList<>();
        Set<String> forbidden = new LinkedHashSet<>();
        for (String val : values) {
            if (val.startsWith("in:")) {
                if (!allowAny) {
                    throw ServiceException.badRequest("Invalid query string parameters: The format "
                            + "'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' only supported since microversion 1.39. Got: " + val);
                }
                Set<String> any = new LinkedHashSet<>();
                for (String t : val.substring(3).split(",", -1)) {
                    any.add(t.strip());
                }
                if (any.contains("")) {
                    throw ServiceException.badRequest("Invalid query string parameters: Expected 'required' parameter "
                            + "value of the form: in:HW_CPU_X86_VMX,CUSTOM_MAGIC. Got an empty trait in: " + val);
                }
                if (any.stream().anyMatch(t -> t.startsWith("!"))) {
                    throw ServiceException.badRequest("Invalid query string parameters: The format "
                            + "'in:HW_CPU_X86_VMX,CUSTOM_MAGIC' does not support forbidden traits. Got: " + val);
                }
                required.add(any);
                continue;
            }
            List<String> all = Arrays.stream(val.split(",", -1)).map(String::strip).toList();
            String form = allowForbidden ? "HW_CPU_X86_VMX,!CUSTOM_MAGIC" : "HW_CPU_X86_VMX,CUSTOM_MAGIC";
            boolean hasForbidden = false;
            for (String t : all) {
                // Upstream strips any number of leading '!' (a known quirk kept for compatibility).
                String name = t.replaceFirst("^!+", "");
                if (t.isEmpty() || name.isEmpty()) {
                    throw ServiceException.badRequest("Invalid query string parameters: Expected 'required' parameter "
                            + "value of the form: " + form + ". Got an empty trait in: " + val);
                }
                if (t.startsWith("!")) {
                    hasForbidden = true;
                    forbidden.add(name);
                } else {
                    required.add(Set.of(t));
                }
            }
            if (hasForbidden && !allowForbidden) {
                throw ServiceException.badRequest("Invalid query string parameters: Expected 'required' parameter "
                        + "value of the form: HW_CPU_X86_VMX,CUSTOM_MAGIC. Got: " + val);
            }
        }
        return new Traits(required, forbidden);
    }

    /** resources=VCPU:2,MEMORY_MB:1024 */
    static Map<String, Long> resources(String qs) {
        String expected = "Badly formed resources parameter. Expected resources query string parameter in form: "
                + "?resources=VCPU:2,MEMORY_MB:1024. Got: ";
        if (qs.isBlank()) {
            throw ServiceException.badRequest(expected + "empty string.");
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String rt : qs.split(",", -1)) {
            String[] parts = rt.split(":", -1);
            if (parts.length != 2) {
                throw ServiceException.badRequest(expected + rt + ".");
            }
            long amount;
            try {
                amount = Long.parseLong(parts[1].strip());
            } catch (NumberFormatException e) {
                throw ServiceException.badRequest("Requested resource " + parts[0] + " expected positive integer "
                        + "amount. Got: " + parts[1] + ".");
            }
            if (amount < 1) {
                throw ServiceException.badRequest("Requested resource " + parts[0] + " requires amount >= 1. Got: "
                        + amount + ".");
            }
            out.put(parts[0], amount);
        }
        return out;
    }

    static String inTree(String value) {
        String v = value.strip();
        if (!JsonSchema.isUuidLike(v)) {
            throw ServiceException.badRequest("Invalid query string parameters: Expected 'in_tree' parameter to be a "
                    + "format of uuid. Got: " + value);
        }
        return v;
    }
}
