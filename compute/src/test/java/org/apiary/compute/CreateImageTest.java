package org.apiary.compute;

import static org.apiary.compute.ComputeTestBase.expect;
import static org.apiary.compute.ComputeTestBase.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiary.compute.domain.RequestSpec;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.external.ImageApi;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.rpc.ComputeAgentRpc;
import org.apiary.compute.rpc.SnapshotProgress;
import org.apiary.compute.rpc.SnapshotProgress.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /servers/{id}/action createImage over HTTP, with a recording image service and agent: the queued
 * image's properties by Nova's rules, 202 with image_id (2.45+) or a Location, the task and the action, the
 * cast to the host, the host's reports moving task_state on, and the 4xx answers (state, body, quota, who).
 */
class CreateImageTest {
    /** The base image as the image service holds it. */
    static final ImageApi.ImageInfo BASE = new ImageApi.ImageInfo(ServerFixtures.IMAGE, "cirros", "active", 4096L,
            20, 256, "qcow2", "bare", Map.of());

    record Created(String id, String name, String owner, Map<String, String> properties, String diskFormat,
                   String containerFormat) {}

    static ComputeCloud cloud;
    static String member, other, project;
    static final Map<String, Created> images = new ConcurrentHashMap<>();
    static final List<String> deleted = new CopyOnWriteArrayList<>();
    static final List<List<String>> casts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        ImageApi imageApi = new ImageApi() {
            @Override
            public Optional<ImageInfo> image(String imageId, String projectId) {
                return imageId.equals(BASE.id()) ? Optional.of(BASE) : Optional.empty();
            }

            @Override
            public String createSnapshotImage(String name, String projectId, Map<String, String> properties,
                                              String diskFormat, String containerFormat) {
                String id = UUID.randomUUID().toString();
                images.put(id, new Created(id, name, projectId, properties, diskFormat, containerFormat));
                return id;
            }

            @Override
            public void uploadSnapshot(String imageId, java.io.InputStream data) {
                throw new UnsupportedOperationException("hosts upload, not compute");
            }

            @Override
            public void deleteImage(String imageId) {
                deleted.add(imageId);
            }
        };
        ComputeAgentRpc agent = (ComputeAgentRpc) Proxy.newProxyInstance(ComputeAgentRpc.class.getClassLoader(),
                new Class<?>[] {ComputeAgentRpc.class}, (p, m, args) -> {
                    if (m.getName().equals("snapshot")) {
                        casts.add(List.of((String) args[0], (String) args[1]));
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        cloud = new ComputeCloud(new ComputeExternals(unavailable(PlacementApi.class), unavailable(NetworkApi.class),
                imageApi, host -> agent));
        cloud.createUser("snap-member", "snap-project", "member", false);
        cloud.createUser("snap-other", "snap-other-project", "member", false);
        member = cloud.token("snap-member", ComputeCloud.ADMIN_PASSWORD, "snap-project", false);
        other = cloud.token("snap-other", ComputeCloud.ADMIN_PASSWORD, "snap-other-project", false);
        project = cloud.projectId("snap-project");
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static <T> T unavailable(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName());
        }));
    }

    /** An ACTIVE server built from BASE, whose image properties Nova would keep in system metadata. */
    static Server server(String vmState, String taskState) {
        Server s = ServerFixtures.active(project, "user-1", "snap-" + UUID.randomUUID().toString().substring(0, 6));
        s = s.withRequestSpec(new RequestSpec("list", List.of(), List.of(), null, null, null, Map.of(
                "hw_disk_bus", "virtio", "os_distro", "cirros", "img_signature", "sig", "os_glance_importing", "x",
                "img_block_device_mapping", "[]"), List.of()));
        return ServerFixtures.seed(cloud, ServerFixtures.withState(s, vmState, taskState, null, null));
    }

    static ComputeCloud.Response action(String token, Server s, String version, String body) {
        return cloud.as(token, "POST", "/servers/" + s.uuid() + "/action", version, body);
    }

    static Server reload(Server s) {
        return cloud.compute().servers().servers().get(new org.apiary.compute.domain.ServerService.Caller(project,
                "x", "req-x", true), s.uuid());
    }

    @Test
    void snapshotsAnActiveServerWithNovasImagePropertiesAndAsksTheHost() {
        Server s = server("active", null);
        JsonNode body = expect(action(member, s, "2.45", "{\"createImage\": {\"name\": \"snap-1\", \"metadata\": "
                + "{\"purpose\": \"backup\", \"os_distro\": \"mine\"}}}"), 202).json();
        String id = body.get("image_id").asText();

        Created image = images.get(id);
        assertThat(image.name()).isEqualTo("snap-1");
        assertThat(image.owner()).isEqualTo(project);
        assertThat(image.diskFormat()).isEqualTo("qcow2");
        assertThat(image.containerFormat()).isEqualTo("bare");
        assertThat(image.properties()).containsEntry("image_type", "snapshot").containsEntry("instance_uuid", s.uuid())
                .containsEntry("base_image_ref", ServerFixtures.IMAGE).containsEntry("hw_disk_bus", "virtio")
                .containsEntry("min_ram", "256").containsEntry("min_disk", "20").containsEntry("purpose", "backup")
                .containsEntry("os_distro", "mine") // the request's metadata wins
                .doesNotContainKeys("img_signature", "os_glance_importing", "img_block_device_mapping",
                        "instance_owner");
        assertThat(image.properties().get("user_id")).isNotBlank();
        assertThat(reload(s).taskState()).isEqualTo("image_snapshot");
        assertThat(reload(s).vmState()).isEqualTo("active");
        waitUntil(() -> casts.contains(List.of(s.uuid(), id)));
        JsonNode actions = expect(cloud.as(member, "GET", "/servers/" + s.uuid() + "/os-instance-actions", "2.1",
                null), 200).json().get("instanceActions");
        assertThat(actions.get(0).get("action").asText()).isEqualTo("createImage");

        // A second snapshot while this one runs: Nova's 409 on task_state.
        expectError(action(member, s, "2.45", "{\"createImage\": {\"name\": \"snap-2\"}}"), 409, "conflictingRequest");

        // The host's reports move the task on and end it.
        var endpoint = cloud.compute().servers().endpoint();
        assertThat(endpoint.snapshotProgress("host1", new SnapshotProgress(s.uuid(), id, Stage.PENDING_UPLOAD, null)))
                .isTrue();
        assertThat(reload(s).taskState()).isEqualTo("image_pending_upload");
        assertThat(endpoint.snapshotProgress("host1", new SnapshotProgress(s.uuid(), id, Stage.UPLOADING, null)))
                .isTrue();
        assertThat(reload(s).taskState()).isEqualTo("image_uploading");
        assertThat(endpoint.snapshotProgress("host1", new SnapshotProgress(s.uuid(), id, Stage.DONE, null))).isTrue();
        assertThat(reload(s).taskState()).isNull();
        assertThat(deleted).doesNotContain(id);
        JsonNode action = expect(cloud.as(member, "GET", "/servers/" + s.uuid() + "/os-instance-actions/"
                + actions.get(0).get("request_id").asText(), "2.51", null), 200).json().get("instanceAction");
        assertThat(action.get("events").get(0).get("event").asText()).isEqualTo("compute_snapshot_instance");
        assertThat(action.get("events").get(0).get("result").asText()).isEqualTo("Success");
    }

    @Test
    void aFailedSnapshotDeletesTheImageAndLeavesTheServerActive() {
        Server s = server("active", null);
        String id = expect(action(member, s, "2.45", "{\"createImage\": {\"name\": \"doomed\"}}"), 202).json()
                .get("image_id").asText();
        var endpoint = cloud.compute().servers().endpoint();
        assertThat(endpoint.snapshotProgress("host1", SnapshotProgress.failed(s.uuid(), id, "qemu-img: No space")))
                .isFalse();
        Server after = reload(s);
        assertThat(after.taskState()).isNull();
        assertThat(after.vmState()).isEqualTo("active");
        assertThat(deleted).contains(id);
        JsonNode actions = expect(cloud.as(member, "GET", "/servers/" + s.uuid() + "/os-instance-actions", "2.1",
                null), 200).json().get("instanceActions");
        JsonNode action = expect(cloud.as(member, "GET", "/servers/" + s.uuid() + "/os-instance-actions/"
                + actions.get(0).get("request_id").asText(), "2.51", null), 200).json().get("instanceAction");
        assertThat(action.get("message").asText()).isEqualTo("Error");
        assertThat(action.get("events").get(0).get("result").asText()).isEqualTo("Error");
        assertThat(expect(cloud.as(member, "GET", "/servers/" + s.uuid(), "2.1", null), 200).json().get("server")
                .get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aReportForADeletedServerDeletesTheImageAndStopsTheHost() {
        Server s = server("active", null);
        String id = expect(action(member, s, "2.45", "{\"createImage\": {\"name\": \"gone\"}}"), 202).json()
                .get("image_id").asText();
        cloud.compute().servers().servers().resetState(new org.apiary.compute.domain.ServerService.Caller(project,
                "x", "req-y", true), s.uuid(), "active"); // the task moved on (as a delete would move it)
        assertThat(cloud.compute().servers().endpoint().snapshotProgress("host1",
                new SnapshotProgress(s.uuid(), id, Stage.UPLOADING, null))).isFalse();
        assertThat(deleted).contains(id);
    }

    @Test
    void olderMicroversionsAnswerWithALocationAndCountMetadata() {
        Server s = server("stopped", null);
        ComputeCloud.Response r = expect(action(member, s, "2.1", "{\"createImage\": {\"name\": \"old\"}}"), 202);
        assertThat(r.body()).isEmpty();
        assertThat(r.header("Location")).matches(".*/images/[0-9a-f-]{36}");
        expect(cloud.send("PUT", "/os-quota-sets/" + project, null, "{\"quota_set\": {\"metadata_items\": 1}}"), 200);
        try {
            Server t = server("active", null);
            String two = "{\"createImage\": {\"name\": \"m\", \"metadata\": {\"a\": \"1\", \"b\": \"2\"}}}";
            ComputeCloud.Response over = expectError(action(member, t, "2.38", two), 403, "forbidden");
            assertThat(over.body()).contains("Image metadata limit exceeded");
            expect(action(member, t, "2.39", two), 202);
        } finally {
            expect(cloud.send("PUT", "/os-quota-sets/" + project, null, "{\"quota_set\": {\"metadata_items\": 128}}"),
                    200);
        }
    }

    @Test
    void refusals() {
        Server building = server("building", "spawning");
        expectError(action(member, building, "2.45", "{\"createImage\": {\"name\": \"x\"}}"), 409,
                "conflictingRequest");
        assertThat(action(member, building, "2.45", "{\"createImage\": {\"name\": \"x\"}}").body())
                .contains("Cannot 'createImage' instance " + building.uuid() + " while it is in vm_state building");
        Server busy = server("active", "rebooting");
        assertThat(expectError(action(member, busy, "2.45", "{\"createImage\": {\"name\": \"x\"}}"), 409,
                "conflictingRequest").body()).contains("task_state rebooting");
        Server s = server("active", null);
        ServersApiTest.bad(action(member, s, "2.45", "{\"createImage\": {}}"), "'name' is a required property");
        ServersApiTest.bad(action(member, s, "2.45", "{\"createImage\": {\"name\": \"" + "n".repeat(256) + "\"}}"),
                "is too long");
        ServersApiTest.bad(action(member, s, "2.45", "{\"createImage\": {\"name\": \"x\", \"metadata\": {\"k\": 1}}}"),
                "is not of type 'string'");
        ServersApiTest.bad(action(member, s, "2.45", "{\"createImage\": {\"name\": \"x\", \"color\": \"red\"}}"),
                "Additional properties are not allowed");
        ServersApiTest.bad(action(member, s, "2.45", "{\"createImage\": \"x\"}"), "is not of type 'object'");
        expectError(cloud.as(member, "POST", "/servers/" + UUID.randomUUID() + "/action", "2.45",
                "{\"createImage\": {\"name\": \"x\"}}"), 404, "itemNotFound");
        // Another project's server does not exist for the caller (Nova's 404, not a 403).
        expectError(action(other, s, "2.45", "{\"createImage\": {\"name\": \"x\"}}"), 404, "itemNotFound");
        assertThat(reload(s).taskState()).isNull();
        assertThat(images.values()).noneMatch(i -> i.properties().get("instance_uuid").equals(s.uuid()));
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.onSpinWait();
        }
    }
}
