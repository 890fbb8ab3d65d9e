package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apiary.common.json.Json;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageMember;
import org.apiary.image.domain.ImageStatus;
import org.apiary.image.domain.ImageTask;

/** Images, members and tasks as Glance's response serializers render them, keys in Glance's order. */
final class Views {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PRIMITIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    /** Kept on the image for bookkeeping but never shown, as in Glance. */
    private static final Set<String> HIDDEN = Set.of("os_glance_stage_host");

    private Views() {}

    static String isoTime(Instant t) {
        return t == null ? null : ISO.format(t);
    }

    static Map<String, Object> image(Image i, Schemas schemas, String storeId) {
        Map<String, Object> v = new LinkedHashMap<>();
        i.properties().forEach((k, value) -> {
            if (!HIDDEN.contains(k)) {
                // Glance shows a null additional property not in the schema as "".
                v.put(k, value == null && !schemas.isBaseProperty(k) ? "" : value);
            }
        });
        v.put("name", i.name());
        v.put("disk_format", i.diskFormat());
        v.put("container_format", i.containerFormat());
        v.put("visibility", i.visibility());
        v.put("size", i.size());
        v.put("virtual_size", i.virtualSize());
        v.put("status", i.status().wire());
        v.put("checksum", i.checksum());
        v.put("protected", i.isProtected());
        v.put("min_ram", i.minRam());
        v.put("min_disk", i.minDisk());
        v.put("owner", i.owner());
        v.put("os_hidden", i.osHidden());
        v.put("os_hash_algo", i.osHashAlgo());
        v.put("os_hash_value", i.osHashValue());
        v.put("id", i.id());
        v.put("created_at", isoTime(i.createdAt()));
        v.put("updated_at", isoTime(i.updatedAt()));
        v.put("tags", i.tags());
        v.put("self", "/v2/images/" + i.id());
        v.put("file", "/v2/images/" + i.id() + "/file");
        v.put("schema", "/v2/schemas/image");
        if (i.status() == ImageStatus.ACTIVE || i.status() == ImageStatus.DEACTIVATED) {
            v.put("stores", storeId);
        }
        return v;
    }

    static Map<String, Object> member(ImageMember m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("member_id", m.memberId());
        v.put("image_id", m.imageId());
        v.put("status", m.status());
        v.put("created_at", isoTime(m.createdAt()));
        v.put("updated_at", isoTime(m.updatedAt()));
        v.put("schema", "/v2/schemas/member");
        return v;
    }

    static Map<String, Object> task(ImageTask t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", t.id());
        v.put("type", t.type());
        v.put("status", t.status());
        v.put("owner", t.owner());
        v.put("expires_at", t.expiresAt() == null ? null : PRIMITIVE.format(t.expiresAt()));
        v.put("created_at", PRIMITIVE.format(t.createdAt()));
        v.put("updated_at", PRIMITIVE.format(t.updatedAt()));
        v.put("deleted_at", null);
        v.put("deleted", false);
        v.put("image_id", t.imageId());
        v.put("request_id", t.requestId());
        v.put("user_id", t.userId());
        v.put("input", parse(t.input()));
        v.put("result", parse(t.result()));
        v.put("message", t.message());
        return v;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }
}
