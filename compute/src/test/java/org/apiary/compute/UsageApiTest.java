package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apiary.compute.domain.Server;
import org.apiary.compute.rpc.HostReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * os-simple-tenant-usage over servers seeded with launch and termination times in 2020 (so "now"
 * does not move the figures), and os-instance_usage_audit_log over registered compute hosts.
 */
class UsageApiTest extends SeededServersTestBase {
    private static final String WINDOW = "?start=2020-01-01T02:00:00&end=2020-01-02T00:00:00";
    static String reader;
    static String stranger;
    static Server deleted;
    static Server running;

    @BeforeAll
    static void seed() {
        reader = userOf("ria", PROJECT_NAME, "reader");
        stranger = userOf("stan", "proj-stranger", "member");
        // Launched 00:00, deleted 06:00: 4 of its hours fall in the window (from 02:00).
        deleted = seeded("gone", "2020-01-01T00:00:00Z", "2020-01-01T06:00:00Z", "deleted");
        // Launched 12:00, still running: 12 hours up to the window's end.
        running = seeded("up", "2020-01-01T12:00:00Z", null, "active");
        // Outside the window or never launched: not billed.
        seeded("before", "2019-12-01T00:00:00Z", "2019-12-31T00:00:00Z", "deleted");
        seeded("after", "2020-01-03T00:00:00Z", null, "active");
        seeded("unlaunched", null, null, "building");
    }

    private static Server seeded(String name, String launched, String terminated, String vmState) {
        Server a = ServerFixtures.active(project, MEMBER_ID, name);
        Long t = terminated == null ? null : Instant.parse(terminated).toEpochMilli();
        Server s = new Server(a.uuid(), a.projectId(), a.userId(), a.name(), a.hostname(), a.description(),
                a.imageRef(), a.flavor(), null, null, a.keyName(), a.keyData(), a.userData(), a.configDrive(),
                a.availabilityZone(), a.host(), a.node(), vmState, null, a.powerState(), a.reservationId(),
                a.launchIndex(), null, null, null, null, a.requestSpec(), a.networkInfo(), a.metadata(), a.tags(),
                0, Instant.parse("2019-11-01T00:00:00Z").toEpochMilli(), null,
                launched == null ? null : Instant.parse(launched).toEpochMilli(), t, t, 0);
        return ServerFixtures.seed(cloud, s);
    }

    private static JsonNode usageOf(JsonNode tenantUsage, String uuid) {
        for (JsonNode u : tenantUsage.get("server_usages")) {
            if (u.get("instance_id").asText().equals(uuid)) {
                return u;
            }
        }
        throw new AssertionError("no usage of " + uuid + " in " + tenantUsage);
    }

    @Test
    void showBillsDeletedAndRunningServersInsideTheWindow() {
        JsonNode t = expect(as("GET", "/os-simple-tenant-usage/" + project + WINDOW, "2.1", null), 200).json()
                .get("tenant_usage");
        assertThat(t.size()).isEqualTo(8); // what Tempest checks
        assertThat(t.get("tenant_id").asText()).isEqualTo(project);
        assertThat(t.get("server_usages").size()).isEqualTo(2);
        JsonNode gone = usageOf(t, deleted.uuid());
        assertThat(gone.get("hours").asDouble()).isEqualTo(4.0);
        assertThat(gone.get("state").asText()).isEqualTo("terminated");
        assertThat(gone.get("started_at").asText()).isEqualTo("2020-01-01T00:00:00");
        assertThat(gone.get("ended_at").asText()).isEqualTo("2020-01-01T06:00:00");
        assertThat(gone.get("uptime").asLong()).isEqualTo(6 * 3600);
        assertThat(gone.get("flavor").asText()).isEqualTo("m1.test");
        assertThat(gone.get("vcpus").asInt()).isEqualTo(2);
        assertThat(gone.get("memory_mb").asInt()).isEqualTo(1024);
        assertThat(gone.get("local_gb").asInt()).isEqualTo(11);
        JsonNode up = usageOf(t, running.uuid());
        assertThat(up.get("hours").asDouble()).isEqualTo(12.0);
        assertThat(up.get("state").asText()).isEqualTo("active");
        assertThat(up.get("ended_at").isNull()).isTrue();
        // Flavor m1.test: 2 vcpus, 1024 MB, 10 + 1 GB, over 16 hours.
        assertThat(t.get("total_hours").asDouble()).isEqualTo(16.0);
        assertThat(t.get("total_vcpus_usage").asDouble()).isEqualTo(32.0);
        assertThat(t.get("total_memory_mb_usage").asDouble()).isEqualTo(16384.0);
        assertThat(t.get("total_local_gb_usage").asDouble()).isEqualTo(176.0);
        assertThat(t.get("start").asText()).isEqualTo("2020-01-01T02:00:00");
        assertThat(t.get("stop").asText()).isEqualTo("2020-01-02T00:00:00");
        // The project's reader may look too; a window with nothing in it is an empty object.
        expect(cloud.as(reader, "GET", "/os-simple-tenant-usage/" + project + WINDOW, null, null), 200);
        assertThat(expect(as("GET", "/os-simple-tenant-usage/" + project
                + "?start=2010-01-01T00:00:00.5&end=2010-02-01%2000:00:00.000001", null, null), 200).json()
                .get("tenant_usage").size()).isZero();
    }

    @Test
    void listIsForAdminsAndDetailedOnRequest() {
        JsonNode all = expect(cloud.get("/os-simple-tenant-usage" + WINDOW + "&detailed=1", "2.1"), 200).json()
                .get("tenant_usages");
        assertThat(all.size()).isEqualTo(1);
        assertThat(all.get(0).size()).isEqualTo(8);
        assertThat(all.get(0).get("total_hours").asDouble()).isEqualTo(16.0);
        JsonNode summary = expect(cloud.get("/os-simple-tenant-usage" + WINDOW, "2.1"), 200).json()
                .get("tenant_usages").get(0);
        assertThat(summary.has("server_usages")).isFalse();
        assertThat(summary.size()).isEqualTo(7);
        ComputeTestBase.expectError(as("GET", "/os-simple-tenant-usage" + WINDOW, null, null), 403, "forbidden");
        ComputeTestBase.expectError(cloud.as(stranger, "GET", "/os-simple-tenant-usage/" + project + WINDOW, null,
                null), 403, "forbidden");
        ComputeTestBase.expectError(cloud.as(null, "GET", "/os-simple-tenant-usage" + WINDOW, null, null), 401,
                "unauthorized");
    }

    @Test
    void pagesByServerFrom240() {
        List<String> seen = new ArrayList<>();
        String path = "/os-simple-tenant-usage/" + project + WINDOW + "&limit=1";
        JsonNode first = expect(cloud.get(path, "2.40"), 200).json();
        seen.add(first.get("tenant_usage").get("server_usages").get(0).get("instance_id").asText());
        String next = first.get("tenant_usage_links").get(0).get("href").asText();
        assertThat(next).contains("/v2.1/os-simple-tenant-usage/" + project + "?").contains("marker=" + seen.get(0));
        JsonNode second = expect(cloud.get(path + "&marker=" + seen.get(0), "2.40"), 200).json();
        seen.add(second.get("tenant_usage").get("server_usages").get(0).get("instance_id").asText());
        assertThat(seen).containsExactlyInAnyOrder(deleted.uuid(), running.uuid());
        JsonNode third = expect(cloud.get(path + "&marker=" + seen.get(1), "2.40"), 200).json();
        assertThat(third.get("tenant_usage").size()).isZero();
        // Before 2.40 limit and marker are ignored.
        assertThat(expect(cloud.get(path + "&marker=nope", "2.39"), 200).json().get("tenant_usage")
                .get("server_usages").size()).isEqualTo(2);
        ComputeTestBase.expectError(cloud.get(path + "&marker=" + NO_SERVER, "2.40"), 400, "badRequest");
        ComputeTestBase.expectError(cloud.get(path.replace("limit=1", "limit=-1"), "2.40"), 400, "badRequest");
    }

    @Test
    void badQueriesAre400s() {
        String base = "/os-simple-tenant-usage/" + project;
        assertThat(ComputeTestBase.expectError(cloud.get(base + "?start=2020-01-02T00:00:00&end=2020-01-01T00:00:00",
                null), 400, "badRequest").body()).contains("The start time cannot occur after the end time");
        ComputeTestBase.expectError(cloud.get(base + "?start=2020-01-01T00:00:00&end=2020-01-01T00:00:00", null),
                400, "badRequest");
        for (String bad : List.of("yesterday", "2020-01-01", "2020-01-01 00:00:00", "2020-13-01T00:00:00",
                "2020-01-01T00:00:00Z")) {
            assertThat(ComputeTestBase.expectError(cloud.get(base + "?start=" + bad.replace(" ", "%20"), null), 400,
                    "badRequest").body()).contains("Invalid datetime string");
        }
        ComputeTestBase.expectError(cloud.get("/os-simple-tenant-usage?start=x", null), 400, "badRequest");
        // Neither start nor end: the window is "now" (Nova's two clock readings), not a 400: the
        // servers running now are listed, for no hours. A start in the future alone is after the end.
        JsonNode now = expect(cloud.get(base, null), 200).json().get("tenant_usage");
        assertThat(now.get("total_hours").asDouble()).isZero();
        assertThat(now.get("server_usages").toString()).contains(running.uuid()).doesNotContain(deleted.uuid());
        ComputeTestBase.expectError(cloud.get(base + "?start=2999-01-01T00:00:00", null), 400, "badRequest");
        // Unknown parameters: ignored until 2.74, refused from 2.75.
        expect(cloud.get(base + WINDOW + "&foo=1", "2.74"), 200);
        ComputeTestBase.expectError(cloud.get(base + WINDOW + "&foo=1", "2.75"), 400, "badRequest");
        ComputeTestBase.expectError(cloud.get(base + WINDOW + "&detailed=1", "2.75"), 400, "badRequest");
        // No tenant id is no resource (Tempest's empty-tenant negative test).
        ComputeTestBase.expectError(cloud.get("/os-simple-tenant-usage/" + WINDOW, null), 404, "itemNotFound");
    }

    @Test
    void auditLogCountsComputeHostsThatDidNotRunTheAudit() {
        String host = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        cloud.compute().hosts().report(new HostReport(host, host + "-node", "QEMU", 8_002_000, "192.0.2.9", 8,
                16384, 200, 2, 1024, 20, 16.0, 1.5, 1.0, Set.of("HW_ARCH_X86_64"), 2));
        JsonNode log = expect(cloud.get("/os-instance_usage_audit_log", null), 200).json()
                .get("instance_usage_audit_logs");
        int hosts = log.get("num_hosts").asInt();
        assertThat(hosts).isPositive();
        assertThat(log.get("num_hosts_not_run").asInt()).isEqualTo(hosts);
        assertThat(log.get("num_hosts_done").asInt()).isZero();
        assertThat(log.get("num_hosts_running").asInt()).isZero();
        assertThat(log.get("hosts_not_run").toString()).contains(host);
        assertThat(log.get("total_instances").asInt()).isZero();
        assertThat(log.get("total_errors").asInt()).isZero();
        assertThat(log.get("overall_status").asText()).isEqualTo("0 of " + hosts + " hosts done. 0 errors.");
        assertThat(log.get("log").size()).isZero();
        // The last month completed before a time: periods run from the 1st, 00:00 UTC.
        JsonNode march = expect(cloud.get("/os-instance_usage_audit_log/2026-03-15%2010:00:00", null), 200).json()
                .get("instance_usage_audit_log");
        assertThat(march.get("period_beginning").asText()).isEqualTo("2026-02-01 00:00:00");
        assertThat(march.get("period_ending").asText()).isEqualTo("2026-03-01 00:00:00");
        JsonNode january = expect(cloud.get("/os-instance_usage_audit_log/2026-01-01%2000:00:00.000000", null),
                200).json().get("instance_usage_audit_log");
        assertThat(january.get("period_beginning").asText()).isEqualTo("2025-11-01 00:00:00");
        assertThat(january.get("period_ending").asText()).isEqualTo("2025-12-01 00:00:00");
        for (String bad : List.of("invalid_time", "2026-03-15T10:00:00", "2026-02-30%2010:00:00")) {
            assertThat(ComputeTestBase.expectError(cloud.get("/os-instance_usage_audit_log/" + bad, null), 400,
                    "badRequest").body()).contains("Invalid timestamp for date");
        }
        ComputeTestBase.expectError(as("GET", "/os-instance_usage_audit_log", null, null), 403, "forbidden");
        ComputeTestBase.expectError(as("GET", "/os-instance_usage_audit_log/2026-03-15%2010:00:00", null, null), 403,
                "forbidden");
    }
}
