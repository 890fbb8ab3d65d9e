package org.apiary.compute.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apiary.common.json.Json;
import org.apiary.common.policy.RuleDefault;

/**
 * Nova's default policy rules, generated from Nova 26 (Zed) by compute/tools/gen_upstream_data.py
 * into policy-defaults.json, as Zed enforces them by default (enforce_new_defaults=False: the new
 * default OR the deprecated one). Nova's {@code is_admin:True} is the request context's admin
 * flag, which Nova itself computes from {@code context_is_admin} (role:admin); it is written here
 * as that role check, since our policy engine knows only the token's credentials.
 */
public final class ComputePolicies {
    private ComputePolicies() {}

    public static final List<RuleDefault> DEFAULTS = load();

    private static List<RuleDefault> load() {
        try (InputStream in = ComputePolicies.class.getResourceAsStream("/org/apiary/compute/policy-defaults.json")) {
            List<RuleDefault> out = new ArrayList<>();
            for (JsonNode r : Json.MAPPER.readTree(in)) {
                String check = r.get("check").asText().replace("is_admin:True", "role:admin");
                out.add(new RuleDefault(r.get("name").asText(), check, r.get("description").asText()));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Nova's policy defaults", e);
        }
    }
}
