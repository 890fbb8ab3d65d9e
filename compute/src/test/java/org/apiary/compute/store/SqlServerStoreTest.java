package org.apiary.compute.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.InstanceFault;
import org.apiary.compute.domain.RequestSpec;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.ServerQuery;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.domain.Vif;
import org.apiary.compute.domain.VmStates;
import org.junit.jupiter.api.Test;

/** The server and action stores (a fresh database, see {@link ServerStoreFixture}). */
class SqlServerStoreTest extends ServerStoreFixture {
    static final FlavorSnapshot SMALL = new FlavorSnapshot("small", "m1.small", 2, 2048, 20, 0, 0, 1.0, true, null,
            Map.of("hw:cpu_policy", "shared"));
    static final FlavorSnapshot TINY = new FlavorSnapshot("tiny", "m1.tiny", 1, 512, 1, 0, 0, 1.0, true, null, Map.of());
    static final Map<String, Integer> UNLIMITED = Map.of("instances", -1, "cores", -1, "ram", -1);


    static Server server(String project, String name, FlavorSnapshot flavor, long createdAt) {
        return new Server(UUID.randomUUID().toString(), project, "u-" + project, name, name.toLowerCase(), null,
                "img-1", flavor, null, null, null, null, null, false, "nova", null, null, VmStates.BUILDING,
                VmStates.Task.SCHEDULING, 0, "r-abc", 0, null, null, null, null,
                new RequestSpec("none", List.of(), List.of(), null, null, null, Map.of(), List.of()), List.of(),
                Map.of("role", "web"), List.of("blue"), 0, createdAt, null, null, null, null, 0);
    }

    static String project() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ServerQuery query(String project, Map<String, String> filters) {
        return new ServerQuery(project, filters, false, List.of(), List.of(), null, 1000);
    }

    static List<String> names(List<Server> list) {
        return list.stream().map(Server::name).toList();
    }

    @Test
    void createStoresEverythingAndReadsItBack() {
        String p = project();
        Server s = server(p, "Web1", SMALL, 1000);
        assertThat(servers.create(List.of(s), null, UNLIMITED)).isEmpty();
        Server back = servers.find(s.uuid()).orElseThrow();
        assertThat(back.flavor()).isEqualTo(SMALL);
        assertThat(back.requestSpec()).isEqualTo(s.requestSpec());
        assertThat(back.metadata()).isEqualTo(Map.of("role", "web"));
        assertThat(back.tags()).containsExactly("blue");
        assertThat(back.status()).isEqualTo("BUILD");
        assertThat(back.generation()).isZero();
        assertThat(servers.usage(p, null)).isEqualTo(new ServerStore.Usage(1, 2, 2048));
        assertThat(servers.usage(p, "someone-else")).isEqualTo(new ServerStore.Usage(0, 0, 0));
    }

    @Test
    void quotaIsCheckedInsideTheInsert() {
        String p = project();
        assertThat(servers.create(List.of(server(p, "a", SMALL, 1)), null, UNLIMITED)).isEmpty();
        List<Server> two = List.of(server(p, "b", TINY, 2), server(p, "c", TINY, 2));
        assertThat(servers.create(two, null, Map.of("instances", 2, "cores", -1, "ram", -1))).contains("instances");
        assertThat(servers.create(two, null, Map.of("instances", 10, "cores", 3, "ram", -1))).contains("cores");
        assertThat(servers.create(two, null, Map.of("instances", 10, "cores", 4, "ram", 3000))).contains("ram");
        // Nothing of a refused request was written.
        assertThat(servers.list(query(p, Map.of()))).hasSize(1);
        assertThat(servers.create(two, null, Map.of("instances", 3, "cores", 4, "ram", 3072))).isEmpty();
        assertThat(servers.usage(p, null)).isEqualTo(new ServerStore.Usage(3, 4, 3072));
    }

    @Test
    void updateIsACompareAndSetOnTaskState() {
        Server s = server(project(), "cas", TINY, 5);
        servers.create(List.of(s), null, UNLIMITED);
        // Building with task "scheduling": an idle expectation fails, the right one wins.
        assertThat(servers.update(s.uuid(), TaskExpectation.idle(), ServerChange.of().vmState("active"))).isEmpty();
        Server a = servers.update(s.uuid(), TaskExpectation.of(VmStates.Task.SCHEDULING),
                ServerChange.of().vmState(VmStates.ACTIVE).taskState(null).host("h1").networkInfo(List.of(new Vif(
                        "port-1", "net-1", "private", "fa:16:3e:00:00:01", 1500,
                        List.of(new Vif.Ip("10.0.0.5", 4, "sub-1")), true, null)))).orElseThrow();
        assertThat(a.status()).isEqualTo("ACTIVE");
        assertThat(a.taskState()).isNull();
        assertThat(a.generation()).isEqualTo(1);
        assertThat(a.updatedAt()).isNotNull();
        assertThat(a.networkInfo().get(0).ips().get(0).address()).isEqualTo("10.0.0.5");
        // Two racing reboots: only the first finds the server idle.
        assertThat(servers.update(s.uuid(), TaskExpectation.idle(), ServerChange.of().taskState("rebooting")))
                .isPresent();
        assertThat(servers.update(s.uuid(), TaskExpectation.idle(), ServerChange.of().taskState("rebooting")))
                .isEmpty();
        assertThat(servers.update(s.uuid(), TaskExpectation.of("rebooting", null), ServerChange.of().taskState(null))
                .orElseThrow().generation()).isEqualTo(3);
        assertThat(servers.update(s.uuid(), TaskExpectation.of(), ServerChange.of().progress(5))).isEmpty();
        // A stop checked while the server was active must not start once it is stopped (the vm_state moved on).
        assertThat(servers.update(s.uuid(), TaskExpectation.idle().inVmStates(VmStates.STOPPED, VmStates.ERROR),
                ServerChange.of().taskState("powering-off"))).isEmpty();
        assertThat(servers.update(s.uuid(), TaskExpectation.idle().inVmStates(VmStates.ACTIVE),
                ServerChange.of().progress(1))).isPresent();
        // A deleted server takes no more writes, but is still found.
        assertThat(servers.update(s.uuid(), TaskExpectation.any(), ServerChange.of().deletedAt(99L))).isPresent();
        assertThat(servers.update(s.uuid(), TaskExpectation.any(), ServerChange.of().name("x"))).isEmpty();
        assertThat(servers.find(s.uuid()).orElseThrow().deleted()).isTrue();
        assertThat(servers.update("no-such-uuid", TaskExpectation.any(), ServerChange.of().name("x"))).isEmpty();
    }

    @Test
    void metadataTagsAndGroups() {
        Server s = server(project(), "md", TINY, 5);
        servers.create(List.of(s), "group-1", UNLIMITED);
        assertThat(servers.putMetadata(s.uuid(), Map.of("a", "1", "role", "db"), false)).isTrue();
        assertThat(servers.find(s.uuid()).orElseThrow().metadata()).isEqualTo(Map.of("a", "1", "role", "db"));
        assertThat(servers.putMetadata(s.uuid(), Map.of("b", "2"), true)).isTrue();
        assertThat(servers.find(s.uuid()).orElseThrow().metadata()).isEqualTo(Map.of("b", "2"));
        assertThat(servers.deleteMetadata(s.uuid(), "b")).isTrue();
        assertThat(servers.deleteMetadata(s.uuid(), "b")).isFalse();
        assertThat(servers.putTags(s.uuid(), List.of("red", "blue"), false)).isTrue();
        assertThat(servers.find(s.uuid()).orElseThrow().tags()).containsExactly("blue", "red");
        assertThat(servers.putTags(s.uuid(), List.of("green"), true)).isTrue();
        assertThat(servers.deleteTag(s.uuid(), "green")).isTrue();
        assertThat(servers.deleteTag(s.uuid(), "green")).isFalse();
        assertThat(servers.find(s.uuid()).orElseThrow().tags()).isEmpty();
        assertThat(servers.putMetadata("missing", Map.of("a", "b"), false)).isFalse();
        assertThat(servers.groupMembers("group-1")).containsExactly(s.uuid());
        assertThat(servers.groupOf(s.uuid())).contains("group-1");
        servers.update(s.uuid(), TaskExpectation.any(), ServerChange.of().deletedAt(7L));
        assertThat(servers.groupMembers("group-1")).isEmpty();
        assertThat(servers.putTags(s.uuid(), List.of("x"), false)).isFalse();
    }

    @Test
    void listFiltersSortsAndPages() {
        String p = project();
        Server web1 = server(p, "web-1", SMALL, 100);
        Server web2 = server(p, "web-2", TINY, 200);
        Server db1 = server(p, "db-1", TINY, 300);
        servers.create(List.of(web1, web2, db1), null, UNLIMITED);
        servers.create(List.of(server(project(), "web-other", TINY, 400)), null, UNLIMITED);
        servers.update(web1.uuid(), TaskExpectation.any(), ServerChange.of().vmState(VmStates.ACTIVE).taskState(null)
                .lockedBy("owner").networkInfo(List.of(new Vif("p1", "n1", "private", "fa:16:3e:00:00:02", 1500,
                        List.of(new Vif.Ip("10.1.2.3", 4, "s1"), new Vif.Ip("fd00::7", 6, "s2")), true, null))));
        servers.update(web2.uuid(), TaskExpectation.any(), ServerChange.of().vmState(VmStates.STOPPED)
                .taskState(null));
        servers.putTags(web2.uuid(), List.of("red"), false);

        assertThat(names(servers.list(query(p, Map.of())))).containsExactly("db-1", "web-2", "web-1");
        assertThat(names(servers.list(query(p, Map.of("name", "^web"))))).containsExactly("web-2", "web-1");
        assertThat(names(servers.list(query(null, Map.of("name", "web-o"))))).containsExactly("web-other");
        assertThat(names(servers.list(query(p, Map.of("status", "ACTIVE,SHUTOFF"))))).containsExactly("web-2", "web-1");
        assertThat(names(servers.list(query(p, Map.of("status", "BUILD"))))).containsExactly("db-1");
        assertThat(names(servers.list(query(p, Map.of("flavor", "small"))))).containsExactly("web-1");
        assertThat(names(servers.list(query(p, Map.of("ip", "10.1."))))).containsExactly("web-1");
        assertThat(names(servers.list(query(p, Map.of("ip", "1.2"))))).isEmpty();
        assertThat(names(servers.list(query(p, Map.of("ip6", "fd00:"))))).containsExactly("web-1");
        assertThat(names(servers.list(query(p, Map.of("locked", "true"))))).containsExactly("web-1");
        assertThat(names(servers.list(query(p, Map.of("locked", "false"))))).containsExactly("db-1", "web-2");
        assertThat(names(servers.list(query(p, Map.of("tags", "blue,red"))))).containsExactly("web-2");
        assertThat(names(servers.list(query(p, Map.of("tags-any", "red,green"))))).containsExactly("web-2");
        assertThat(names(servers.list(query(p, Map.of("not-tags", "blue,red"))))).containsExactly("db-1", "web-1");
        assertThat(names(servers.list(query(p, Map.of("not-tags-any", "red"))))).containsExactly("db-1", "web-1");
        assertThat(names(servers.list(query(p, Map.of("uuid", db1.uuid()))))).containsExactly("db-1");
        assertThat(names(servers.list(query(p, Map.of("image", "img-1", "host", "none"))))).isEmpty();
        long updated = servers.find(web2.uuid()).orElseThrow().updatedAt();
        assertThat(names(servers.list(query(p, Map.of("changes-since", String.valueOf(updated))))))
                .contains("web-2").doesNotContain("db-1");
        assertThat(names(servers.list(query(p, Map.of("changes-before", "250"))))).isEmpty();

        ServerQuery byName = new ServerQuery(p, Map.of(), false, List.of("display_name"), List.of("asc"), null, 2);
        assertThat(names(servers.list(byName))).containsExactly("db-1", "web-1");
        ServerQuery page2 = new ServerQuery(p, Map.of(), false, List.of("display_name"), List.of("asc"),
                web1.uuid(), 2);
        assertThat(names(servers.list(page2))).containsExactly("web-2");
        // A marker that the filters exclude still marks a position in the order.
        ServerQuery filtered = new ServerQuery(p, Map.of("name", "web"), false, List.of("display_name"),
                List.of("asc"), db1.uuid(), 5);
        assertThat(names(servers.list(filtered))).containsExactly("web-1", "web-2");
        ServerQuery unknown = new ServerQuery(p, Map.of(), false, List.of(), List.of(), "nope", 5);
        assertThatThrownBy(() -> servers.list(unknown)).isInstanceOf(ServiceException.class)
                .matches(e -> ((ServiceException) e).status() == 400);

        servers.update(db1.uuid(), TaskExpectation.any(), ServerChange.of().deletedAt(500L).vmState("deleted"));
        assertThat(names(servers.list(query(p, Map.of())))).containsExactly("web-2", "web-1");
        ServerQuery deleted = new ServerQuery(p, Map.of(), true, List.of(), List.of(), null, 10);
        assertThat(names(servers.list(deleted))).containsExactly("db-1", "web-2", "web-1");
        assertThat(servers.unsettled()).extracting(Server::uuid).doesNotContain(db1.uuid(), web1.uuid());
    }

    @Test
    void actionsEventsAndFaults() {
        String uuid = UUID.randomUUID().toString();
        actions.startAction(uuid, "req-1", "create", "p", "u", 1000);
        actions.startEvent(uuid, "req-1", "compute_build_and_run_instance", "h1", 1001);
        actions.finishEvent(uuid, "req-1", "compute_build_and_run_instance", "Success", null, 1005);
        actions.finishAction(uuid, "req-1", null, 1006);
        actions.startAction(uuid, "req-2", "reboot", "p", "u", 2000);
        actions.startEvent(uuid, "req-2", "compute_reboot_instance", "h1", 2001);
        actions.finishEvent(uuid, "req-2", "compute_reboot_instance", "Error", "Traceback...", 2002);
        actions.finishAction(uuid, "req-2", "Error", 2003);
        actions.startEvent(uuid, "req-missing", "x", "h1", 3000);

        List<InstanceAction> list = actions.actions(uuid);
        assertThat(list).extracting(InstanceAction::action).containsExactly("reboot", "create");
        assertThat(list.get(0).message()).isEqualTo("Error");
        assertThat(list.get(0).events()).isEmpty();
        InstanceAction create = actions.action(uuid, "req-1").orElseThrow();
        assertThat(create.finishTime()).isEqualTo(1006);
        assertThat(create.events()).hasSize(1);
        assertThat(create.events().get(0).result()).isEqualTo("Success");
        assertThat(create.events().get(0).finishTime()).isEqualTo(1005);
        assertThat(actions.action(uuid, "req-2").orElseThrow().events().get(0).traceback()).isEqualTo("Traceback...");
        assertThat(actions.action(uuid, "nope")).isEmpty();

        actions.addFault(new InstanceFault(uuid, 500, "old", null, "h1", 10));
        actions.addFault(new InstanceFault(uuid, 500, "x".repeat(300), "details", "h1", 20));
        List<String> uuids = new ArrayList<>(List.of(uuid, "other"));
        Map<String, InstanceFault> faults = actions.latestFaults(uuids);
        assertThat(faults).containsOnlyKeys(uuid);
        assertThat(faults.get(uuid).createdAt()).isEqualTo(20);
        assertThat(faults.get(uuid).message()).hasSize(255);
    }
}
