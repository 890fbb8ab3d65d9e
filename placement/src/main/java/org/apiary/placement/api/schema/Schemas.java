package org.apiary.placement.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import org.apiary.common.json.Json;

/**
 * Upstream Placement 8.0.0's request and query schemas (schemas.json beside this package's
 * resources, converted from placement/schemas/*.py unchanged), one per microversion range.
 */
public final class Schemas {
    private static final JsonNode ALL = load();

    public static final JsonSchema RP_POST_1_0 = get("RP_POST_1_0");
    public static final JsonSchema RP_POST_1_14 = get("RP_POST_1_14");
    public static final JsonSchema RP_PUT_1_0 = get("RP_PUT_1_0");
    public static final JsonSchema RP_PUT_1_14 = get("RP_PUT_1_14");
    public static final JsonSchema RP_LIST_1_0 = get("RP_LIST_1_0");
    public static final JsonSchema RP_LIST_1_3 = get("RP_LIST_1_3");
    public static final JsonSchema RP_LIST_1_4 = get("RP_LIST_1_4");
    public static final JsonSchema RP_LIST_1_14 = get("RP_LIST_1_14");
    public static final JsonSchema RP_LIST_1_18 = get("RP_LIST_1_18");
    public static final JsonSchema INVENTORY_BASE = get("INVENTORY_BASE");
    public static final JsonSchema INVENTORY_POST = get("INVENTORY_POST");
    public static final JsonSchema INVENTORIES_PUT = get("INVENTORIES_PUT");
    public static final JsonSchema ALLOCATION_1_0 = get("ALLOCATION_1_0");
    public static final JsonSchema ALLOCATION_1_8 = get("ALLOCATION_1_8");
    public static final JsonSchema ALLOCATION_1_12 = get("ALLOCATION_1_12");
    public static final JsonSchema ALLOCATION_1_28 = get("ALLOCATION_1_28");
    public static final JsonSchema ALLOCATION_1_34 = get("ALLOCATION_1_34");
    public static final JsonSchema ALLOCATION_1_38 = get("ALLOCATION_1_38");
    public static final JsonSchema ALLOCATIONS_POST_1_13 = get("ALLOCATIONS_POST_1_13");
    public static final JsonSchema ALLOCATIONS_POST_1_28 = get("ALLOCATIONS_POST_1_28");
    public static final JsonSchema ALLOCATIONS_POST_1_34 = get("ALLOCATIONS_POST_1_34");
    public static final JsonSchema ALLOCATIONS_POST_1_38 = get("ALLOCATIONS_POST_1_38");
    public static final JsonSchema AGGREGATES_1_1 = get("AGGREGATES_1_1");
    public static final JsonSchema AGGREGATES_1_19 = get("AGGREGATES_1_19");
    public static final JsonSchema CUSTOM_TRAIT = get("CUSTOM_TRAIT");
    public static final JsonSchema PROVIDER_TRAITS = get("PROVIDER_TRAITS");
    public static final JsonSchema TRAITS_LIST = get("TRAITS_LIST");
    public static final JsonSchema RESOURCE_CLASS = get("RESOURCE_CLASS");
    public static final JsonSchema USAGES_1_9 = get("USAGES_1_9");
    public static final JsonSchema USAGES_1_38 = get("USAGES_1_38");
    public static final JsonSchema RESHAPER_1_30 = get("RESHAPER_1_30");
    public static final JsonSchema RESHAPER_1_34 = get("RESHAPER_1_34");
    public static final JsonSchema RESHAPER_1_38 = get("RESHAPER_1_38");

    private Schemas() {}

    private static JsonNode load() {
        try (InputStream in = Schemas.class.getResourceAsStream("/org/apiary/placement/api/schemas.json")) {
            return Json.MAPPER.readTree(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the Placement schemas", e);
        }
    }

    private static JsonSchema get(String name) {
        JsonNode s = ALL.get(name);
        if (s == null) {
            throw new IllegalStateException("no schema " + name);
        }
        return JsonSchema.parse(s.toString());
    }
}
