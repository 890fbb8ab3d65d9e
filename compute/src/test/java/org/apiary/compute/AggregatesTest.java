package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apiary.compute.rpc.HostReport;
import org.junit.jupiter.api.Test;

/**
 * /os-aggregates over HTTP (Nova's aggregates.py and AggregateAPI): CRUD, the host and metadata
 * actions, the availability zone rules, zones as os-availability-zone and os-services show them,
 * the 2.41 uuid, the 2.81 image request, bad bodies and the admin-only policy.
 */
class AggregatesTest extends ComputeTestBase {
    static void register(String host) {
        cloud.compute().hosts().report(new HostReport(host, host + "-node", "QEMU", 8_002_000, "192.0.2.9", 8, 16384,
                200, 0, 512, 0, 16.0, 1.5, 1.0, Set.of("HW_ARCH_X86_64"), 0));
    }

    static JsonNode create(String name, String zone) {
        String body = "{\"aggregate\": {\"name\": \"" + name + "\"" + (zone == null ? "" : ", \"availability_zone\": \""
                + zone + "\"") + "}}";
        return expect(cloud.send("POST", "/os-aggregates", null, body), 200).json().get("aggregate");
    }

    static ComputeCloud.Response action(long id, String body) {
        return cloud.send("POST", "/os-aggregates/" + id + "/action", null, body);
    }

    static ComputeCloud.Response addHost(long id, String host) {
        return action(id, "{\"add_host\": {\"host\": \"" + host + "\"}}");
    }

    static ComputeCloud.Response removeHost(long id, String host) {
        return action(id, "{\"remove_host\": {\"host\": \"" + host + "\"}}");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void createShowListUpdateDelete() {
        JsonNode created = create("crud-1", null);
        long id = created.get("id").asLong();
        assertThat(created.get("availability_zone").isNull()).isTrue();
        assertThat(created.has("hosts")).isFalse();
        assertThat(created.has("metadata")).isFalse();
        assertThat(created.get("deleted").asBoolean()).isFalse();
        assertThat(created.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        assertThat(created.get("updated_at").isNull()).isTrue();

        JsonNode shown = expect(cloud.get("/os-aggregates/" + id, null), 200).json().get("aggregate");
        assertThat(shown.get("name").asText()).isEqualTo("crud-1");
        assertThat(shown.get("hosts").size()).isZero();
        assertThat(shown.get("metadata").size()).isZero();
        assertThat(shown.get("uuid").asText()).isEqualTo(created.get("uuid").asText());

        JsonNode zoned = create("crud-2", "zone-crud");
        assertThat(zoned.get("availability_zone").asText()).isEqualTo("zone-crud");
        JsonNode zonedShown = expect(cloud.get("/os-aggregates/" + zoned.get("id").asLong(), null), 200).json()
                .get("aggregate");
        assertThat(zonedShown.at("/metadata/availability_zone").asText()).isEqualTo("zone-crud");

        JsonNode list = expect(cloud.get("/os-aggregates", null), 200).json().get("aggregates");
        List<String> names = new ArrayList<>();
        list.forEach(a -> names.add(a.get("name").asText()));
        assertThat(names).contains("crud-1", "crud-2");

        expectError(cloud.send("POST", "/os-aggregates", null, "{\"aggregate\": {\"name\": \"crud-1\"}}"), 409,
                "conflictingRequest");
        JsonNode updated = expect(cloud.send("PUT", "/os-aggregates/" + id, null,
                "{\"aggregate\": {\"name\": \"crud-1b\", \"availability_zone\": \"zone-new\"}}"), 200).json()
                .get("aggregate");
        assertThat(updated.get("name").asText()).isEqualTo("crud-1b");
        assertThat(updated.get("availability_zone").asText()).isEqualTo("zone-new");
        assertThat(updated.get("updated_at").isNull()).isFalse();
        assertThat(updated.has("hosts")).isTrue();
        expectError(cloud.send("PUT", "/os-aggregates/" + id, null, "{\"aggregate\": {\"name\": \"crud-2\"}}"), 409,
                "conflictingRequest");

        expect(cloud.send("DELETE", "/os-aggregates/" + id, null, null), 200);
        expectError(cloud.get("/os-aggregates/" + id, null), 404, "itemNotFound");
        expectError(cloud.send("DELETE", "/os-aggregates/" + id, null, null), 404, "itemNotFound");
        expectError(cloud.get("/os-aggregates/-1", null), 404, "itemNotFound");
        assertThat(expectError(cloud.get("/os-aggregates/abc", null), 400, "badRequest").body())
                .contains("id must be an integer");
        expectError(cloud.send("PUT", "/os-aggregates/99999", null, "{\"aggregate\": {\"name\": \"x\"}}"), 404,
                "itemNotFound");
    }

    @Test
    void uuidFrom241() {
        JsonNode before = expect(cloud.send("POST", "/os-aggregates", "2.40",
                "{\"aggregate\": {\"name\": \"mv-1\"}}"), 200).json().get("aggregate");
        assertThat(before.has("uuid")).isFalse();
        long id = before.get("id").asLong();
        assertThat(expect(cloud.get("/os-aggregates/" + id, "2.40"), 200).json().at("/aggregate").has("uuid"))
                .isFalse();
        assertThat(expect(cloud.get("/os-aggregates/" + id, "2.41"), 200).json().at("/aggregate/uuid").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        expect(cloud.get("/os-aggregates", "2.1"), 200).json().get("aggregates")
                .forEach(a -> assertThat(a.has("uuid")).isFalse());
    }

    @Test
    void hostAndMetadataActions() {
        register("act-h1");
        long id = create("act-1", null).get("id").asLong();
        JsonNode added = expect(addHost(id, "act-h1"), 200).json().get("aggregate");
        assertThat(texts(added.get("hosts"))).containsExactly("act-h1");
        assertThat(expectError(addHost(id, "act-h1"), 409, "conflictingRequest").body())
                .contains("Aggregate " + id + " already has host act-h1.");
        assertThat(expectError(addHost(id, "no-such-host"), 404, "itemNotFound").body())
                .contains("Compute host no-such-host could not be found.");
        expectError(addHost(424242, "act-h1"), 404, "itemNotFound");
        assertThat(expectError(cloud.send("DELETE", "/os-aggregates/" + id, null, null), 400, "badRequest").body())
                .contains("Host aggregate is not empty");

        JsonNode meta = expect(action(id, "{\"set_metadata\": {\"metadata\": {\"ssd\": \"true\", \"tier\": \"gold\"}}}"),
                200).json().get("aggregate");
        assertThat(meta.at("/metadata/ssd").asText()).isEqualTo("true");
        JsonNode meta2 = expect(action(id, "{\"set_metadata\": {\"metadata\": {\"ssd\": null, \"rack\": \"r1\"}}}"),
                200).json().get("aggregate");
        assertThat(meta2.get("metadata").has("ssd")).isFalse();
        assertThat(meta2.at("/metadata/tier").asText()).isEqualTo("gold");
        assertThat(meta2.at("/metadata/rack").asText()).isEqualTo("r1");
        assertThat(meta2.get("updated_at").isNull()).isFalse();

        JsonNode removed = expect(removeHost(id, "act-h1"), 200).json().get("aggregate");
        assertThat(removed.get("hosts").size()).isZero();
        assertThat(expectError(removeHost(id, "act-h1"), 404, "itemNotFound").body())
                .contains("Cannot remove host act-h1 in aggregate " + id);
        expectError(removeHost(id, "no-such-host"), 404, "itemNotFound");
        expectError(action(id, "{\"frobnicate\": {}}"), 400, "badRequest");
        expect(cloud.send("DELETE", "/os-aggregates/" + id, null, null), 200);
    }

    @Test
    void zoneRules() {
        register("az-r1");
        long az1 = create("zr-az1", "zr-one").get("id").asLong();
        long az2 = create("zr-az2", "zr-two").get("id").asLong();
        long plain = create("zr-plain", null).get("id").asLong();
        expect(addHost(az1, "az-r1"), 200);
        // A host is in one zone only.
        assertThat(expectError(addHost(az2, "az-r1"), 409, "conflictingRequest").body())
                .contains("Cannot add host to aggregate " + az2
                        + ". Reason: One or more hosts already in availability zone(s) ['zr-one'].");
        // An aggregate without a zone takes it; it may then name the host's zone, not another.
        expect(addHost(plain, "az-r1"), 200);
        assertThat(expectError(action(plain, "{\"set_metadata\": {\"metadata\": {\"availability_zone\": "
                + "\"zr-two\"}}}"), 400, "badRequest").body()).contains("Cannot update metadata of aggregate " + plain);
        expectError(cloud.send("PUT", "/os-aggregates/" + plain, null,
                "{\"aggregate\": {\"availability_zone\": \"zr-two\"}}"), 400, "badRequest");
        expect(cloud.send("PUT", "/os-aggregates/" + plain, null,
                "{\"aggregate\": {\"availability_zone\": \"zr-one\"}}"), 200);
        assertThat(expectError(cloud.send("PUT", "/os-aggregates/" + az1, null,
                "{\"aggregate\": {\"availability_zone\": null}}"), 400, "badRequest").body())
                .contains("does not support empty named availability zone");
        // Both aggregates of the host move to a new zone together only through one that holds it alone.
        expect(removeHost(plain, "az-r1"), 200);
        expect(cloud.send("PUT", "/os-aggregates/" + az1, null,
                "{\"aggregate\": {\"availability_zone\": \"zr-three\"}}"), 200);
        JsonNode services = expect(cloud.get("/os-services?host=az-r1", null), 200).json().get("services");
        assertThat(services.at("/0/zone").asText()).isEqualTo("zr-three");
    }

    @Test
    void zoneCannotChangeUnderServers() {
        register("host1");
        ServerFixtures.seed(cloud, ServerFixtures.active(cloud.projectId("admin"), "u1", "zoned-server"));
        long id = create("busy", "busy-zone").get("id").asLong();
        expect(addHost(id, "host1"), 200);
        assertThat(expectError(cloud.send("PUT", "/os-aggregates/" + id, null,
                "{\"aggregate\": {\"availability_zone\": \"elsewhere\"}}"), 400, "badRequest").body())
                .contains("One or more hosts contain instances in this zone");
        // Renaming, and "changing" to the same zone, are fine.
        expect(cloud.send("PUT", "/os-aggregates/" + id, null,
                "{\"aggregate\": {\"name\": \"busy-2\", \"availability_zone\": \"busy-zone\"}}"), 200);
    }

    @Test
    void hostZoneShowsInAvailabilityZonesAndServices() {
        register("zone-h1");
        register("zone-h2");
        long id = create("zone-agg", "az1").get("id").asLong();
        expect(addHost(id, "zone-h1"), 200);

        JsonNode zones = expect(cloud.get("/os-availability-zone", null), 200).json().get("availabilityZoneInfo");
        List<String> names = new ArrayList<>();
        zones.forEach(z -> names.add(z.get("zoneName").asText()));
        assertThat(names).contains("az1", "nova").doesNotContain("internal");
        JsonNode detail = expect(cloud.get("/os-availability-zone/detail", null), 200).json()
                .get("availabilityZoneInfo");
        JsonNode az1 = null;
        for (JsonNode z : detail) {
            if (z.get("zoneName").asText().equals("az1")) {
                az1 = z;
            }
        }
        assertThat(az1).isNotNull();
        assertThat(az1.at("/hosts/zone-h1/nova-compute/available").asBoolean()).isTrue();
        assertThat(az1.get("hosts").has("zone-h2")).isFalse();

        assertThat(expect(cloud.get("/os-services?host=zone-h1", null), 200).json().at("/services/0/zone").asText())
                .isEqualTo("az1");
        assertThat(expect(cloud.get("/os-services?host=zone-h2", null), 200).json().at("/services/0/zone").asText())
                .isEqualTo("nova");
        assertThat(cloud.compute().hosts().zoneOf("zone-h1")).isEqualTo("az1");

        expect(removeHost(id, "zone-h1"), 200);
        assertThat(expect(cloud.get("/os-services?host=zone-h1", null), 200).json().at("/services/0/zone").asText())
                .isEqualTo("nova");
    }

    @Test
    void badBodies() {
        String p = "/os-aggregates";
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {\"name\": \"\"}}"), 400, "badRequest");
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {\"name\": \"" + "n".repeat(256) + "\"}}"), 400,
                "badRequest");
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {\"name\": \" lead\"}}"), 400, "badRequest");
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {}}"), 400, "badRequest");
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {\"name\": \"x\", \"extra\": 1}}"), 400,
                "badRequest");
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {\"name\": \"x\"}, \"more\": 1}"), 400, "badRequest");
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {\"name\": \"x\", \"availability_zone\": \"a:b\"}}"),
                400, "badRequest");
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {\"name\": \"x\", \"availability_zone\": \""
                + "z".repeat(256) + "\"}}"), 400, "badRequest");
        expectError(cloud.send("POST", p, null, "{\"aggregate\": {\"name\": \"x\", \"availability_zone\": 5}}"), 400,
                "badRequest");
        expectError(cloud.send("POST", p, null, "not json"), 400, "badRequest");
        expectError(cloud.send("POST", p, null, null), 400, "badRequest");

        long id = create("bad-bodies", null).get("id").asLong();
        expectError(cloud.send("PUT", p + "/" + id, null, "{\"aggregate\": {}}"), 400, "badRequest");
        expectError(cloud.send("PUT", p + "/" + id, null, "{\"aggregate\": {\"name\": \"   \"}}"), 400, "badRequest");
        expectError(addHost(id, "bad host!"), 400, "badRequest");
        expectError(action(id, "{\"add_host\": {}}"), 400, "badRequest");
        expectError(action(id, "{\"add_host\": {\"host\": \"h\", \"x\": 1}}"), 400, "badRequest");
        expectError(action(id, "{\"set_metadata\": {\"metadata\": {\"bad/key\": \"v\"}}}"), 400, "badRequest");
        expectError(action(id, "{\"set_metadata\": {\"metadata\": {\"k\": 1}}}"), 400, "badRequest");
        expectError(action(id, "{\"set_metadata\": {\"metadata\": {\"k\": \"" + "v".repeat(256) + "\"}}}"), 400,
                "badRequest");
        expectError(action(id, "{\"set_metadata\": {}}"), 400, "badRequest");
        expectError(action(id, "{\"add_host\": {\"host\": \"h\"}, \"remove_host\": {\"host\": \"h\"}}"), 400,
                "badRequest");
    }

    @Test
    void imagePrecacheFrom281() {
        long id = create("images", null).get("id").asLong();
        String body = "{\"cache\": [{\"id\": \"70a599e0-31e7-49b7-b260-868f441e862b\"}]}";
        expectError(cloud.send("POST", "/os-aggregates/" + id + "/images", "2.80", body), 404, "itemNotFound");
        assertThat(expectError(cloud.send("POST", "/os-aggregates/" + id + "/images", "2.81", body), 400,
                "badRequest").body()).contains("Image pre-caching is not supported");
        assertThat(expectError(cloud.send("POST", "/os-aggregates/" + id + "/images", "2.81",
                "{\"cache\": [{\"id\": \"70a599e0-31e7-49b7-b260-868f441e862b\"}, "
                        + "{\"id\": \"70a599e0-31e7-49b7-b260-868f441e862b\"}]}"), 400, "badRequest").body())
                .contains("Duplicate images in request");
        expectError(cloud.send("POST", "/os-aggregates/" + id + "/images", "2.81", "{\"cache\": []}"), 400,
                "badRequest");
        expectError(cloud.send("POST", "/os-aggregates/" + id + "/images", "2.81", "{\"cache\": [{\"id\": \"x\"}]}"),
                400, "badRequest");
        expectError(cloud.send("POST", "/os-aggregates/777777/images", "2.81", body), 404, "itemNotFound");
    }

    @Test
    void adminOnly() {
        String member = memberOf("agg-member", "agg-proj");
        long id = create("policy", null).get("id").asLong();
        String a = "/os-aggregates/" + id;
        expectError(cloud.as(member, "GET", "/os-aggregates", null, null), 403, "forbidden");
        expectError(cloud.as(member, "POST", "/os-aggregates", null, "{\"aggregate\": {\"name\": \"m\"}}"), 403,
                "forbidden");
        expectError(cloud.as(member, "GET", a, null, null), 403, "forbidden");
        expectError(cloud.as(member, "PUT", a, null, "{\"aggregate\": {\"name\": \"m\"}}"), 403, "forbidden");
        expectError(cloud.as(member, "DELETE", a, null, null), 403, "forbidden");
        expectError(cloud.as(member, "POST", a + "/action", null, "{\"add_host\": {\"host\": \"h\"}}"), 403,
                "forbidden");
        expectError(cloud.as(member, "POST", a + "/action", null, "{\"remove_host\": {\"host\": \"h\"}}"), 403,
                "forbidden");
        expectError(cloud.as(member, "POST", a + "/action", null, "{\"set_metadata\": {\"metadata\": {}}}"), 403,
                "forbidden");
        expectError(cloud.as(member, "POST", a + "/images", "2.81",
                "{\"cache\": [{\"id\": \"70a599e0-31e7-49b7-b260-868f441e862b\"}]}"), 403, "forbidden");
        expectError(cloud.as(null, "GET", "/os-aggregates", null, null), 401, "unauthorized");
        expect(cloud.get(a, null), 200);
    }
}
