package org.apiary.image.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apiary.common.error.ServiceException;
import org.apiary.common.json.Json;

/**
 * The JSON schemas Glance serves at /v2/schemas/*, which clients (python-glanceclient, the
 * openstack CLI) read to validate and display images. They are Glance Zed's documents with the
 * stock schema-image.json custom properties, except that the disk and container format enums
 * follow this deployment's [image_format] lists. Request bodies are validated against them.
 */
public final class Schemas {
    private final ObjectNode image;
    private final ObjectNode images;
    private final ObjectNode member;
    private final ObjectNode members;
    private final java.util.Map<String, ObjectNode> metadefs = new java.util.LinkedHashMap<>();

    public Schemas(List<String> diskFormats, List<String> containerFormats) {
        image = load("schema-image.json");
        setEnum(image, "disk_format", diskFormats);
        setEnum(image, "container_format", containerFormats);
        images = collection("images", image);
        member = load("schema-member.json");
        members = load("schema-members.json");
        for (String name : List.of("namespace", "namespaces", "object", "objects", "property", "properties", "tag",
                "tags", "resource_type", "resource_types")) {
            metadefs.put(name, load("schema-metadefs-" + name + ".json"));
        }
    }

    /** Glance's metadefs schemas by name (namespace, objects, resource_type...). */
    public java.util.Map<String, ObjectNode> metadefs() {
        return metadefs;
    }

    /** 400 in Glance's words when {@code body} does not satisfy the named metadefs schema. */
    void checkMetadef(String name, JsonNode body) {
        String error = SchemaCheck.firstError(metadefs.get(name), body);
        if (error != null) {
            throw ServiceException.badRequest("Provided object does not match schema '"
                    + metadefs.get(name).path("name").asText() + "': " + error);
        }
    }

    public ObjectNode image() {
        return image;
    }

    public ObjectNode images() {
        return images;
    }

    public ObjectNode member() {
        return member;
    }

    public ObjectNode members() {
        return members;
    }

    /** 400 in Glance's words when {@code body} does not satisfy the image schema. */
    void checkImage(JsonNode body) {
        String error = SchemaCheck.firstError(image, body);
        if (error != null) {
            throw ServiceException.badRequest("Provided object does not match schema 'image': " + error);
        }
    }

    /** The schema of one image attribute, or the one additional properties must satisfy. */
    JsonNode attribute(String name) {
        JsonNode p = image.path("properties").get(name);
        return p != null ? p : image.get("additionalProperties");
    }

    boolean isBaseProperty(String name) {
        return image.path("properties").has(name);
    }

    private static void setEnum(ObjectNode schema, String property, List<String> values) {
        ArrayNode e = Json.MAPPER.createArrayNode().addNull();
        values.forEach(e::add);
        ((ObjectNode) schema.path("properties").path(property)).set("enum", e);
    }

    /** Glance's CollectionSchema around an item schema. */
    private static ObjectNode collection(String name, ObjectNode item) {
        ObjectNode c = Json.object();
        c.put("name", name);
        ObjectNode props = c.putObject("properties");
        props.putObject(name).put("type", "array").set("items", item.deepCopy());
        props.putObject("first").put("type", "string");
        props.putObject("next").put("type", "string");
        props.putObject("schema").put("type", "string");
        ArrayNode links = c.putArray("links");
        links.addObject().put("rel", "first").put("href", "{first}");
        links.addObject().put("rel", "next").put("href", "{next}");
        links.addObject().put("rel", "describedby").put("href", "{schema}");
        return c;
    }

    private static ObjectNode load(String resource) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
