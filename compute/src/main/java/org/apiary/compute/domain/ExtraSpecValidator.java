package org.apiary.compute.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;

/**
 * Validation of extra specs in known namespaces (microversion 2.86), driven by the validator
 * table generated from Nova (compute/tools/gen_upstream_data.py → extra-spec-validators.json):
 * a spec whose name matches a validator must carry a value of its type, enum, pattern and range;
 * an unknown name in a known namespace is refused; names without a namespace or in an unknown
 * one pass (nova/api/validation/extra_specs/validators.py).
 */
public final class ExtraSpecValidator {
    private record Rule(String name, Pattern namePattern, String type, List<String> values, Pattern valuePattern,
                        Long min, Long max) {}

    private static final Set<String> TRUE = Set.of("1", "t", "true", "on", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "f", "false", "off", "n", "no");

    private final List<Rule> rules = new ArrayList<>();
    private final List<Pattern> namespaces = new ArrayList<>();

    public static ExtraSpecValidator fromUpstreamTable() {
        try (InputStream in = ExtraSpecValidator.class.getResourceAsStream(
                "/org/apiary/compute/extra-spec-validators.json")) {
            return new ExtraSpecValidator(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the extra spec validator table", e);
        }
    }

    ExtraSpecValidator(JsonNode table) {
        for (JsonNode v : table.get("validators")) {
            JsonNode value = v.get("value");
            List<String> values = new ArrayList<>();
            value.path("enum").forEach(e -> values.add(e.asText()));
            rules.add(new Rule(v.get("name").asText(), Pattern.compile(v.get("name_regex").asText()),
                    value.get("type").asText(), values.isEmpty() ? null : values,
                    value.hasNonNull("pattern") ? Pattern.compile(value.get("pattern").asText()) : null,
                    value.hasNonNull("min") ? value.get("min").asLong() : null,
                    value.hasNonNull("max") ? value.get("max").asLong() : null));
        }
        for (JsonNode ns : table.get("namespaces")) {
            namespaces.add(Pattern.compile(ns.asText()));
        }
    }

    public void validate(String name, String value) {
        for (Rule r : rules) {
            if (r.name().equals(name) || r.namePattern().matcher(name).matches()) {
                check(r, value);
                return;
            }
        }
        int colon = name.indexOf(':');
        if (colon < 0) {
            return;
        }
        String ns = name.substring(0, colon);
        for (Pattern p : namespaces) {
            if (p.matcher(ns).matches()) {
                throw invalid("extra spec '" + name + "' does not appear to be a valid extra spec.");
            }
        }
    }

    private static void check(Rule r, String value) {
        switch (r.type()) {
            case "int" -> {
                long n;
                try {
                    n = Long.parseLong(value.strip());
                } catch (NumberFormatException e) {
                    throw invalid("'" + value + "' is not a valid integer value.");
                }
                if (r.max() != null && r.max() < n) {
                    throw invalid("'" + value + "' is greater than the max value of '" + r.max() + "'.");
                }
                if (r.min() != null && r.min() > n) {
                    throw invalid("'" + value + "' is less than the min value of '" + r.min() + "'.");
                }
            }
            case "bool" -> {
                String v = value.strip().toLowerCase(Locale.ROOT);
                if (!TRUE.contains(v) && !FALSE.contains(v)) {
                    throw invalid("'" + value + "' is not a valid boolean-like value.");
                }
            }
            default -> {
                if (r.valuePattern() != null) {
                    if (!r.valuePattern().matcher(value).matches()) {
                        throw invalid("'" + value + "' is not of the format '" + r.valuePattern().pattern() + "'.");
                    }
                } else if (r.values() != null && !r.values().contains(value)) {
                    throw invalid("'" + value + "' is not one of: " + String.join(", ", r.values()) + ".");
                }
            }
        }
    }

    private static ServiceException invalid(String why) {
        return ServiceException.badRequest("Validation failed; " + why);
    }
}
