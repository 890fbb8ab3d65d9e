package org.apiary.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiary.image.ImageCloud.Persona;
import org.apiary.image.ImageCloud.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metadata definitions: namespaces, resource types, objects, properties and tags. */
class MetadefsTest {
    static ImageCloud cloud;
    static Persona user;
    static final String NS = "/v2/metadefs/namespaces";

    @BeforeAll
    static void start() throws Exception {
        cloud = new ImageCloud();
        user = cloud.persona("md-user", "md-project", "member");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static Response admin(String method, String path, String body) {
        return cloud.call(method, path, cloud.adminToken(), body);
    }

    @Test
    void schemas() {
        for (String[] s : new String[][] {{"namespace", "namespace"}, {"namespaces", "namespaces"},
            {"object", "object"}, {"objects", "objects"}, {"property", "property"}, {"properties", "properties"},
            {"tag", "tag"}, {"tags", "tags"}, {"resource_type", "resource_type_association"},
            {"resource_types", "resource_type_associations"}}) {
            Response r = cloud.call("GET", "/v2/schemas/metadefs/" + s[0], user.token(), null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().path("name").asText()).isEqualTo(s[1]);
        }
    }

    @Test
    void namespaceLifecycle() {
        Response created = admin("POST", NS, "{\"namespace\": \"ns-life\", \"display_name\": \"Life\", \"description\": "
                + "\"d\", \"visibility\": \"public\", \"protected\": true, \"resource_type_associations\": "
                + "[{\"name\": \"OS::Glance::Image\", \"prefix\": \"hw_\"}], \"tags\": [{\"name\": \"t0\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("self").asText()).isEqualTo(NS + "/ns-life");
        assertThat(admin("POST", NS, "{\"namespace\": \"ns-life\"}").status()).isEqualTo(409);
        JsonNode shown = cloud.call("GET", NS + "/ns-life", user.token(), null).json();
        assertThat(shown.path("visibility").asText()).isEqualTo("public");
        assertThat(shown.path("resource_type_associations").get(0).path("prefix").asText()).isEqualTo("hw_");
        assertThat(shown.path("tags").get(0).path("name").asText()).isEqualTo("t0");
        assertThat(cloud.call("GET", "/v2/metadefs/resource_types", user.token(), null).body())
                .contains("OS::Glance::Image");
        assertThat(cloud.call("GET", NS, user.token(), null).body()).contains("ns-life");
        assertThat(cloud.call("DELETE", NS + "/ns-life", user.token(), null).status())
                .as("only admins write metadefs").isEqualTo(403);
        assertThat(admin("DELETE", NS + "/ns-life", null).status()).as("protected").isEqualTo(403);
        Response updated = admin("PUT", NS + "/ns-life", "{\"namespace\": \"ns-life\", \"visibility\": \"private\", "
                + "\"protected\": false, \"description\": \"x\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("visibility").asText()).isEqualTo("private");
        assertThat(cloud.call("GET", NS + "/ns-life", user.token(), null).status())
                .as("another project's private namespace is invisible").isEqualTo(404);
        assertThat(admin("DELETE", NS + "/ns-life", null).status()).isEqualTo(204);
        assertThat(admin("GET", NS + "/ns-life", null).status()).isEqualTo(404);
    }

    @Test
    void objectsPropertiesAndTags() {
        assertThat(admin("POST", NS, "{\"namespace\": \"ns-items\", \"visibility\": \"public\"}").status())
                .isEqualTo(201);
        String ns = NS + "/ns-items";
        Response obj = admin("POST", ns + "/objects", "{\"name\": \"o1\", \"description\": \"obj\", \"required\": "
                + "[\"p\"], \"properties\": {\"p\": {\"type\": \"string\", \"title\": \"P\"}}}");
        assertThat(obj.status()).as(obj.body()).isEqualTo(201);
        assertThat(obj.json().path("self").asText()).isEqualTo(ns + "/objects/o1");
        assertThat(admin("POST", ns + "/objects", "{\"name\": \"o1\"}").status()).isEqualTo(409);
        assertThat(admin("PUT", ns + "/objects/o1", "{\"name\": \"o2\"}").json().path("name").asText()).isEqualTo("o2");
        assertThat(cloud.call("GET", ns + "/objects", user.token(), null).json().path("objects").get(0).path("name")
                .asText()).isEqualTo("o2");
        assertThat(admin("GET", ns + "/objects/o1", null).status()).isEqualTo(404);
        assertThat(admin("DELETE", ns + "/objects/o2", null).status()).isEqualTo(204);

        Response prop = admin("POST", ns + "/properties", "{\"name\": \"hypervisor\", \"title\": \"Hypervisor\", "
                + "\"type\": \"string\", \"enum\": [\"kvm\", \"bhyve\"]}");
        assertThat(prop.status()).as(prop.body()).isEqualTo(201);
        assertThat(admin("POST", ns + "/properties", "{\"name\": \"bad\", \"type\": \"string\"}").status())
                .as("title is required").isEqualTo(400);
        assertThat(admin("GET", ns + "/properties/hypervisor", null).json().path("enum").toString())
                .isEqualTo("[\"kvm\",\"bhyve\"]");
        assertThat(admin("PUT", ns + "/properties/hypervisor", "{\"name\": \"hypervisor\", \"title\": \"HV\", "
                + "\"type\": \"string\"}").json().path("title").asText()).isEqualTo("HV");
        assertThat(admin("GET", ns + "/properties", null).json().path("properties").has("hypervisor")).isTrue();
        assertThat(admin("DELETE", ns + "/properties/hypervisor", null).status()).isEqualTo(204);

        Response tags = admin("POST", ns + "/tags", "{\"tags\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}");
        assertThat(tags.status()).isEqualTo(201);
        assertThat(admin("POST", ns + "/tags", "{\"tags\": [{\"name\": \"x\"}, {\"name\": \"X\"}]}").status())
                .as("tag names are case insensitive").isEqualTo(409);
        assertThat(admin("POST", ns + "/tags/c", null).status()).isEqualTo(201);
        assertThat(admin("PUT", ns + "/tags/c", "{\"name\": \"d\"}").json().path("name").asText()).isEqualTo("d");
        assertThat(admin("GET", ns + "/tags/d", null).status()).isEqualTo(200);
        assertThat(admin("GET", ns + "/tags", null).json().path("tags")).hasSize(3);
        assertThat(admin("DELETE", ns + "/tags/d", null).status()).isEqualTo(204);
        assertThat(admin("DELETE", ns + "/tags", null).status()).isEqualTo(204);
        assertThat(admin("GET", ns + "/tags", null).json().path("tags")).isEmpty();

        assertThat(admin("POST", ns + "/resource_types", "{\"name\": \"OS::Nova::Flavor\"}").status()).isEqualTo(201);
        assertThat(admin("GET", ns + "/resource_types", null).body()).contains("OS::Nova::Flavor");
        assertThat(admin("DELETE", ns + "/resource_types/OS::Nova::Flavor", null).status()).isEqualTo(204);
        assertThat(admin("DELETE", ns + "/resource_types/OS::Nova::Flavor", null).status()).isEqualTo(404);
        assertThat(admin("DELETE", ns, null).status()).isEqualTo(204);
    }
}
