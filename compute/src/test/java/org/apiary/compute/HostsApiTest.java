package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apiary.compute.domain.ComputeNode;
import org.apiary.compute.domain.Migration;
import org.apiary.compute.rpc.HostReport;
import org.apiary.compute.store.sql.SqlMigrationStore;
import org.junit.jupiter.api.Test;

/** os-services, os-hypervisors, os-availability-zone and os-migrations over HTTP, at their microversion edges. */
class HostsApiTest extends ComputeTestBase {
    static ComputeNode register(String host) {
        return cloud.compute().hosts().report(new HostReport(host, host + "-node", "QEMU", 8_002_000, "192.0.2.7", 8,
                16384, 200, 2, 1024, 20, 16.0, 1.5, 1.0, Set.of("HW_ARCH_X86_64", "HW_CPU_X86_SSE2",
                "HW_CPU_X86_AVX", "COMPUTE_NET_ATTACH_INTERFACE"), 2));
    }

    private static JsonNode service(JsonNode services, String host, String binary) {
        for (JsonNode s : services) {
            if (s.get("host").asText().equals(host) && s.get("binary").asText().equals(binary)) {
                return s;
            }
        }
        throw new AssertionError("no " + binary + " on " + host + " in " + services);
    }

    private static JsonNode hypervisor(JsonNode list, String hostname) {
        for (JsonNode h : list) {
            if (h.get("hypervisor_hostname").asText().equals(hostname)) {
                return h;
            }
        }
        throw new AssertionError("no " + hostname + " in " + list);
    }

    @Test
    void servicesListByMicroversion() {
        ComputeNode node = register("svc-a");
        JsonNode v21 = service(expect(cloud.get("/os-services", "2.1"), 200).json().get("services"), "svc-a",
                "nova-compute");
        assertThat(v21.get("id").isIntegralNumber()).isTrue();
        assertThat(v21.has("forced_down")).isFalse();
        assertThat(v21.get("zone").asText()).isEqualTo("nova");
        assertThat(v21.get("state").asText()).isEqualTo("up");
        assertThat(v21.get("status").asText()).isEqualTo("enabled");
        assertThat(v21.get("updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        JsonNode v211 = service(expect(cloud.get("/os-services", "2.11"), 200).json().get("services"), "svc-a",
                "nova-compute");
        assertThat(v211.get("forced_down").asBoolean()).isFalse();
        JsonNode v253 = service(expect(cloud.get("/os-services", "2.53"), 200).json().get("services"), "svc-a",
                "nova-compute");
        assertThat(v253.get("id").asText()).matches("[0-9a-f-]{36}").isNotEqualTo(node.uuid());
        JsonNode all = expect(cloud.get("/os-services", null), 200).json().get("services");
        JsonNode scheduler = all.get(0);
        assertThat(scheduler.get("binary").asText()).isEqualTo("nova-scheduler");
        assertThat(scheduler.get("zone").asText()).isEqualTo("internal");
        assertThat(scheduler.get("state").asText()).isEqualTo("up");
        JsonNode filtered = expect(cloud.get("/os-services?host=svc-a&binary=nova-compute", null), 200).json()
                .get("services");
        assertThat(filtered.size()).isEqualTo(1);
        assertThat(expect(cloud.get("/os-services?binary=nova-conductor", null), 200).json().get("services").size())
                .isEqualTo(1);
        expectError(cloud.get("/os-services?nope=1", "2.75"), 400, "badRequest");
        expect(cloud.get("/os-services?nope=1", "2.74"), 200);
    }

    @Test
    void legacyActionPutsBefore253() {
        register("svc-b");
        String body = "{\"host\": \"svc-b\", \"binary\": \"nova-compute\"}";
        JsonNode disabled = expect(cloud.send("PUT", "/os-services/disable", "2.1", body), 200).json().get("service");
        assertThat(disabled.get("status").asText()).isEqualTo("disabled");
        JsonNode logged = expect(cloud.send("PUT", "/os-services/disable-log-reason", "2.1",
                "{\"host\": \"svc-b\", \"binary\": \"nova-compute\", \"disabled_reason\": \"fan\"}"), 200).json()
                .get("service");
        assertThat(logged.get("disabled_reason").asText()).isEqualTo("fan");
        JsonNode s = service(cloud.get("/os-services", "2.1").json().get("services"), "svc-b", "nova-compute");
        assertThat(s.get("status").asText()).isEqualTo("disabled");
        assertThat(s.get("disabled_reason").asText()).isEqualTo("fan");
        expectError(cloud.send("PUT", "/os-services/disable-log-reason", "2.1", body), 400, "badRequest");
        expect(cloud.send("PUT", "/os-services/enable", "2.1", body), 200);
        assertThat(service(cloud.get("/os-services", "2.1").json().get("services"), "svc-b", "nova-compute")
                .get("disabled_reason").isNull()).isTrue();
        // force-down exists from 2.11
        String down = "{\"host\": \"svc-b\", \"binary\": \"nova-compute\", \"forced_down\": true}";
        expectError(cloud.send("PUT", "/os-services/force-down", "2.10", down), 400, "badRequest");
        expectError(cloud.send("PUT", "/os-services/force-down", "2.10", body), 404, "itemNotFound");
        JsonNode forced = expect(cloud.send("PUT", "/os-services/force-down", "2.11", down), 200).json().get("service");
        assertThat(forced.get("forced_down").asBoolean()).isTrue();
        JsonNode shown = service(cloud.get("/os-services", "2.11").json().get("services"), "svc-b", "nova-compute");
        assertThat(shown.get("state").asText()).isEqualTo("down");
        expect(cloud.send("PUT", "/os-services/force-down", "2.11",
                "{\"host\": \"svc-b\", \"binary\": \"nova-compute\", \"forced_down\": \"false\"}"), 200);
        // bad input
        expectError(cloud.send("PUT", "/os-services/disable", "2.1", "{\"host\": \"svc-b\"}"), 400, "badRequest");
        expectError(cloud.send("PUT", "/os-services/disable", "2.1", "not json"), 400, "badRequest");
        expectError(cloud.send("PUT", "/os-services/reboot", "2.1", body), 404, "itemNotFound");
        expectError(cloud.send("PUT", "/os-services/disable", "2.1", "{\"host\": \"nope\", \"binary\": "
                + "\"nova-compute\"}"), 404, "itemNotFound");
        expectError(cloud.send("PUT", "/os-services/disable", "2.1", "{\"host\": \"svc-b\", \"binary\": "
                + "\"nova-scheduler\"}"), 400, "badRequest");
    }

    @Test
    void uuidPutFrom253() {
        register("svc-c");
        String id = service(cloud.get("/os-services", "2.53").json().get("services"), "svc-c", "nova-compute")
                .get("id").asText();
        JsonNode s = expect(cloud.send("PUT", "/os-services/" + id, "2.53",
                "{\"status\": \"disabled\", \"disabled_reason\": \"maintenance\"}"), 200).json().get("service");
        assertThat(s.get("id").asText()).isEqualTo(id);
        assertThat(s.get("status").asText()).isEqualTo("disabled");
        assertThat(s.get("disabled_reason").asText()).isEqualTo("maintenance");
        assertThat(s.get("forced_down").asBoolean()).isFalse();
        assertThat(s.get("zone").asText()).isEqualTo("nova");
        expectError(cloud.send("PUT", "/os-services/" + id, "2.53",
                "{\"status\": \"enabled\", \"disabled_reason\": \"x\"}"), 400, "badRequest");
        expectError(cloud.send("PUT", "/os-services/" + id, "2.53", "{}"), 400, "badRequest");
        expectError(cloud.send("PUT", "/os-services/" + id, "2.53", "{\"status\": \"off\"}"), 400, "badRequest");
        expectError(cloud.send("PUT", "/os-services/" + id, "2.53", "{\"forced_down\": \"maybe\"}"), 400,
                "badRequest");
        expectError(cloud.send("PUT", "/os-services/" + id, "2.53", "{\"extra\": 1}"), 400, "badRequest");
        JsonNode up = expect(cloud.send("PUT", "/os-services/" + id, "2.53",
                "{\"status\": \"enabled\", \"forced_down\": true}"), 200).json().get("service");
        assertThat(up.get("status").asText()).isEqualTo("enabled");
        assertThat(up.get("disabled_reason").isNull()).isTrue();
        assertThat(up.get("state").asText()).isEqualTo("down");
        expectError(cloud.send("PUT", "/os-services/disable", "2.53", "{\"host\": \"svc-c\", \"binary\": "
                + "\"nova-compute\"}"), 400, "badRequest");
        expectError(cloud.send("PUT", "/os-services/" + UUID.randomUUID(), "2.53", "{\"status\": \"enabled\"}"),
                404, "itemNotFound");
        String scheduler = expect(cloud.get("/os-services?binary=nova-scheduler", "2.53"), 200).json()
                .at("/services/0/id").asText();
        expectError(cloud.send("PUT", "/os-services/" + scheduler, "2.53", "{\"status\": \"disabled\"}"), 400,
                "badRequest");
    }

    @Test
    void deleteByIdAndUuid() {
        register("svc-d");
        register("svc-e");
        long intId = service(cloud.get("/os-services", "2.52").json().get("services"), "svc-d", "nova-compute")
                .get("id").asLong();
        expectError(cloud.send("DELETE", "/os-services/abc", "2.52", null), 400, "badRequest");
        expect(cloud.send("DELETE", "/os-services/" + intId, "2.52", null), 204);
        expectError(cloud.send("DELETE", "/os-services/" + intId, "2.52", null), 404, "itemNotFound");
        String uuid = service(cloud.get("/os-services", "2.53").json().get("services"), "svc-e", "nova-compute")
                .get("id").asText();
        expectError(cloud.send("DELETE", "/os-services/" + intId, "2.53", null), 400, "badRequest");
        expect(cloud.send("DELETE", "/os-services/" + uuid, "2.53", null), 204);
        assertThat(cloud.get("/os-hypervisors?hypervisor_hostname_pattern=svc-e", "2.53").status()).isEqualTo(404);
        String scheduler = expect(cloud.get("/os-services?binary=nova-scheduler", "2.53"), 200).json()
                .at("/services/0/id").asText();
        expectError(cloud.send("DELETE", "/os-services/" + scheduler, "2.53", null), 400, "badRequest");
    }

    @Test
    void hypervisorViewsByMicroversion() {
        ComputeNode node = register("hv-a");
        JsonNode v21 = hypervisor(expect(cloud.get("/os-hypervisors/detail", "2.1"), 200).json().get("hypervisors"),
                "hv-a-node");
        assertThat(v21.get("id").asLong()).isEqualTo(node.id());
        assertThat(v21.get("vcpus").asInt()).isEqualTo(8);
        assertThat(v21.get("vcpus_used").asInt()).isEqualTo(2);
        assertThat(v21.get("memory_mb").asLong()).isEqualTo(16384);
        assertThat(v21.get("memory_mb_used").asLong()).isEqualTo(1024);
        assertThat(v21.get("free_ram_mb").asLong()).isEqualTo(15360);
        assertThat(v21.get("local_gb_used").asLong()).isEqualTo(20);
        assertThat(v21.get("free_disk_gb").asLong()).isEqualTo(180);
        assertThat(v21.get("running_vms").asInt()).isEqualTo(2);
        assertThat(v21.get("hypervisor_type").asText()).isEqualTo("QEMU");
        assertThat(v21.get("hypervisor_version").asLong()).isEqualTo(8_002_000);
        assertThat(v21.get("host_ip").asText()).isEqualTo("192.0.2.7");
        assertThat(v21.at("/service/host").asText()).isEqualTo("hv-a");
        assertThat(v21.at("/service/id").isIntegralNumber()).isTrue();
        assertThat(v21.get("cpu_info").isTextual()).isTrue();
        assertThat(v21.get("cpu_info").asText()).contains("\"arch\":\"x86_64\"");
        JsonNode v228 = expect(cloud.get("/os-hypervisors/" + node.id(), "2.28"), 200).json().get("hypervisor");
        assertThat(v228.at("/cpu_info/arch").asText()).isEqualTo("x86_64");
        assertThat(v228.at("/cpu_info/features").toString()).isEqualTo("[\"avx\",\"sse2\"]");
        JsonNode v253 = expect(cloud.get("/os-hypervisors/" + node.uuid(), "2.53"), 200).json().get("hypervisor");
        assertThat(v253.get("id").asText()).isEqualTo(node.uuid());
        assertThat(v253.at("/service/id").asText()).matches("[0-9a-f-]{36}");
        assertThat(v253.has("servers")).isFalse();
        JsonNode v275 = expect(cloud.get("/os-hypervisors/" + node.uuid() + "?with_servers=true", "2.75"), 200).json()
                .get("hypervisor");
        assertThat(v275.get("servers").size()).isZero();
        JsonNode v287 = expect(cloud.get("/os-hypervisors/" + node.uuid(), "2.87"), 200).json().get("hypervisor");
        assertThat(v287.has("vcpus")).isTrue();
        assertThat(v287.has("uptime")).isFalse();
        JsonNode v288 = expect(cloud.get("/os-hypervisors/" + node.uuid(), "2.88"), 200).json().get("hypervisor");
        assertThat(v288.has("vcpus")).isFalse();
        assertThat(v288.has("cpu_info")).isFalse();
        assertThat(v288.has("uptime")).isTrue();
        assertThat(v288.get("uptime").isNull()).isTrue();
        JsonNode summary = hypervisor(expect(cloud.get("/os-hypervisors", "2.1"), 200).json().get("hypervisors"),
                "hv-a-node");
        assertThat(summary.has("vcpus")).isFalse();
        assertThat(summary.get("state").asText()).isEqualTo("up");
        assertThat(summary.get("status").asText()).isEqualTo("enabled");
        // bad ids and queries
        expectError(cloud.get("/os-hypervisors/abc", "2.52"), 404, "itemNotFound");
        expectError(cloud.get("/os-hypervisors/abc", "2.53"), 400, "badRequest");
        expectError(cloud.get("/os-hypervisors/" + UUID.randomUUID(), "2.53"), 404, "itemNotFound");
        expectError(cloud.get("/os-hypervisors/" + node.uuid() + "?with_servers=perhaps", "2.53"), 400, "badRequest");
        expectError(cloud.get("/os-hypervisors?foo=1", "2.53"), 400, "badRequest");
        expect(cloud.get("/os-hypervisors?foo=1", "2.52"), 200);
        expectError(cloud.get("/os-hypervisors?limit=-1", "2.33"), 400, "badRequest");
        expectError(cloud.get("/os-hypervisors?marker=" + UUID.randomUUID(), "2.53"), 400, "badRequest");
        expectError(cloud.get("/os-hypervisors?hypervisor_hostname_pattern=hv&limit=1", "2.53"), 400, "badRequest");
    }

    @Test
    void hypervisorPagingSearchStatisticsAndUptime() {
        register("pg-a");
        register("pg-b");
        JsonNode page = expect(cloud.get("/os-hypervisors?limit=1", "2.33"), 200).json();
        assertThat(page.get("hypervisors").size()).isEqualTo(1);
        String href = page.at("/hypervisors_links/0/href").asText();
        assertThat(href).contains("/v2.1/os-hypervisors?").contains("marker=" + page.at("/hypervisors/0/id").asText());
        JsonNode next = expect(cloud.get("/os-hypervisors?limit=1&marker=" + page.at("/hypervisors/0/id").asText(),
                "2.33"), 200).json();
        assertThat(next.at("/hypervisors/0/id").asLong()).isGreaterThan(page.at("/hypervisors/0/id").asLong());
        assertThat(expect(cloud.get("/os-hypervisors", "2.32"), 200).json().has("hypervisors_links")).isFalse();
        List<String> names = new ArrayList<>();
        expect(cloud.get("/os-hypervisors?hypervisor_hostname_pattern=pg-", "2.53"), 200).json().get("hypervisors")
                .forEach(h -> names.add(h.get("hypervisor_hostname").asText()));
        assertThat(names).containsExactly("pg-a-node", "pg-b-node");
        expectError(cloud.get("/os-hypervisors?hypervisor_hostname_pattern=zzz", "2.53"), 404, "itemNotFound");
        // the search and servers routes end at 2.53
        assertThat(expect(cloud.get("/os-hypervisors/pg-a/search", "2.52"), 200).json().get("hypervisors").size())
                .isEqualTo(1);
        expect(cloud.get("/os-hypervisors/pg-b/servers", "2.52"), 200);
        expectError(cloud.get("/os-hypervisors/pg-a/search", "2.53"), 404, "itemNotFound");
        expectError(cloud.get("/os-hypervisors/zzz/search", "2.52"), 404, "itemNotFound");
        // statistics and uptime end at 2.88
        JsonNode st = expect(cloud.get("/os-hypervisors/statistics", "2.87"), 200).json().get("hypervisor_statistics");
        assertThat(st.get("count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(st.get("vcpus").asInt()).isEqualTo(8 * st.get("count").asInt());
        expectError(cloud.get("/os-hypervisors/statistics", "2.88"), 404, "itemNotFound");
        String id = expect(cloud.get("/os-hypervisors?hypervisor_hostname_pattern=pg-a", "2.87"), 200).json()
                .at("/hypervisors/0/id").asText();
        expectError(cloud.get("/os-hypervisors/" + id + "/uptime", "2.87"), 501, "notImplemented");
        expectError(cloud.get("/os-hypervisors/" + id + "/uptime", "2.88"), 404, "itemNotFound");
    }

    @Test
    void availabilityZones() {
        register("az-a");
        JsonNode zones = expect(cloud.get("/os-availability-zone", null), 200).json().get("availabilityZoneInfo");
        assertThat(zones.size()).isEqualTo(1);
        assertThat(zones.at("/0/zoneName").asText()).isEqualTo("nova");
        assertThat(zones.at("/0/zoneState/available").asBoolean()).isTrue();
        assertThat(zones.at("/0/hosts").isNull()).isTrue();
        JsonNode detail = expect(cloud.get("/os-availability-zone/detail", null), 200).json()
                .get("availabilityZoneInfo");
        assertThat(detail.at("/0/zoneName").asText()).isEqualTo("internal");
        JsonNode internalHost = detail.at("/0/hosts").elements().next();
        assertThat(internalHost.at("/nova-scheduler/available").asBoolean()).isTrue();
        assertThat(internalHost.at("/nova-conductor/active").asBoolean()).isTrue();
        assertThat(detail.at("/1/zoneName").asText()).isEqualTo("nova");
        assertThat(detail.at("/1/hosts/az-a/nova-compute/available").asBoolean()).isTrue();
        assertThat(detail.at("/1/hosts/az-a/nova-compute/updated_at").asText()).isNotEmpty();
    }

    @Test
    void migrationsByMicroversion() {
        SqlMigrationStore store = new SqlMigrationStore(cloud.database());
        expect(cloud.send("POST", "/flavors", null, "{\"flavor\": {\"name\": \"mig-small\", \"id\": \"mig-small\", "
                + "\"ram\": 64, \"vcpus\": 1, \"disk\": 1}}"), 200);
        register("mig-dst");
        String server = UUID.randomUUID().toString();
        List<Migration> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(store.create(new Migration(0, UUID.randomUUID().toString(), i == 2 ? UUID.randomUUID().toString()
                    : server, "resize", i == 0 ? "confirmed" : "finished", "mig-src", "mig-dst", "mig-src-node",
                    "mig-dst-node", "mig-small", "gone", "proj-" + i, "user-" + i, 1_000_000L * (i + 1),
                    2_000_000L * (i + 1))));
        }
        JsonNode v21 = expect(cloud.get("/os-migrations?source_compute=mig-src", "2.1"), 200).json()
                .get("migrations");
        assertThat(v21.size()).isEqualTo(3);
        JsonNode newest = v21.get(0);
        assertThat(newest.get("id").asLong()).isEqualTo(made.get(2).id());
        assertThat(newest.has("migration_type")).isFalse();
        assertThat(newest.has("uuid")).isFalse();
        assertThat(newest.get("dest_host").asText()).isEqualTo("192.0.2.7");
        assertThat(newest.get("old_instance_type_id").isIntegralNumber()).isTrue();
        assertThat(newest.get("new_instance_type_id").isNull()).isTrue();
        assertThat(newest.get("created_at").asText()).startsWith("1970-01-01T00:50:00");
        assertThat(expect(cloud.get("/os-migrations?host=mig-dst&status=confirmed", "2.1"), 200).json()
                .get("migrations").size()).isEqualTo(1);
        assertThat(expect(cloud.get("/os-migrations?instance_uuid=" + server, "2.1"), 200).json().get("migrations")
                .size()).isEqualTo(2);
        JsonNode v223 = expect(cloud.get("/os-migrations?migration_type=resize&host=mig-src", "2.23"), 200).json()
                .get("migrations");
        assertThat(v223.get(0).get("migration_type").asText()).isEqualTo("resize");
        assertThat(v223.get(0).has("links")).isFalse();
        // 2.59: uuid, paging newest first, changes-since
        JsonNode p1 = expect(cloud.get("/os-migrations?host=mig-src&limit=2", "2.59"), 200).json();
        assertThat(p1.get("migrations").size()).isEqualTo(2);
        assertThat(p1.at("/migrations/0/uuid").asText()).isEqualTo(made.get(2).uuid());
        assertThat(p1.at("/migrations_links/0/href").asText()).contains("marker=" + made.get(1).uuid());
        JsonNode p2 = expect(cloud.get("/os-migrations?host=mig-src&limit=2&marker=" + made.get(1).uuid(), "2.59"),
                200).json();
        assertThat(p2.get("migrations").size()).isEqualTo(1);
        assertThat(p2.at("/migrations/0/uuid").asText()).isEqualTo(made.get(0).uuid());
        assertThat(p2.has("migrations_links")).isFalse();
        assertThat(expect(cloud.get("/os-migrations?host=mig-src&changes-since=1970-01-01T01:00:00Z", "2.59"), 200)
                .json().get("migrations").size()).isEqualTo(2);
        expectError(cloud.get("/os-migrations?marker=" + UUID.randomUUID(), "2.59"), 400, "badRequest");
        expectError(cloud.get("/os-migrations?changes-since=yesterday", "2.59"), 400, "badRequest");
        expectError(cloud.get("/os-migrations?limit=x", "2.59"), 400, "badRequest");
        expectError(cloud.get("/os-migrations?foo=1", "2.59"), 400, "badRequest");
        expect(cloud.get("/os-migrations?foo=1", "2.58"), 200);
        expectError(cloud.get("/os-migrations?changes-before=1970-01-01T00:01:00Z", "2.65"), 400, "badRequest");
        assertThat(expect(cloud.get("/os-migrations?host=mig-src&changes-before=1970-01-01T00:40:00", "2.66"), 200)
                .json().get("migrations").size()).isEqualTo(1);
        expectError(cloud.get("/os-migrations?changes-since=1970-01-01T00:02:00Z&changes-before="
                + "1970-01-01T00:01:00Z", "2.66"), 400, "badRequest");
        // 2.80: user and project
        assertThat(expect(cloud.get("/os-migrations?host=mig-src", "2.79"), 200).json().at("/migrations/0")
                .has("user_id")).isFalse();
        expectError(cloud.get("/os-migrations?user_id=user-1", "2.79"), 400, "badRequest");
        JsonNode byUser = expect(cloud.get("/os-migrations?user_id=user-1", "2.80"), 200).json().get("migrations");
        assertThat(byUser.size()).isEqualTo(1);
        assertThat(byUser.at("/0/user_id").asText()).isEqualTo("user-1");
        assertThat(byUser.at("/0/project_id").asText()).isEqualTo("proj-1");
        assertThat(expect(cloud.get("/os-migrations?project_id=proj-2", "2.80"), 200).json().get("migrations")
                .size()).isEqualTo(1);
    }

    @Test
    void nonAdminsAreRefused() {
        String member = memberOf("hosts-member", "hosts-project");
        expectError(cloud.as(member, "GET", "/os-services", null, null), 403, "forbidden");
        expectError(cloud.as(member, "PUT", "/os-services/" + UUID.randomUUID(), null, "{\"status\": \"enabled\"}"),
                403, "forbidden");
        expectError(cloud.as(member, "GET", "/os-hypervisors/statistics", "2.87", null), 403, "forbidden");
        expectError(cloud.as(member, "GET", "/os-migrations", null, null), 403, "forbidden");
        expectError(cloud.as(member, "GET", "/os-availability-zone/detail", null, null), 403, "forbidden");
        expect(cloud.as(member, "GET", "/os-availability-zone", null, null), 200);
    }
}
