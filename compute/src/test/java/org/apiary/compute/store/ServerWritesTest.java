package org.apiary.compute.store;

import static org.apiary.compute.store.SqlServerStoreTest.SMALL;
import static org.apiary.compute.store.SqlServerStoreTest.TINY;
import static org.apiary.compute.store.SqlServerStoreTest.UNLIMITED;
import static org.apiary.compute.store.SqlServerStoreTest.project;
import static org.apiary.compute.store.SqlServerStoreTest.server;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apiary.compute.domain.ActionRecord;
import org.apiary.compute.domain.InstanceAction;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.ServerChange;
import org.apiary.compute.domain.TaskExpectation;
import org.apiary.compute.domain.VmStates;
import org.junit.jupiter.api.Test;

/**
 * The writes that carry their instance-action records along (create with its action, apply with
 * a step's event): the records land exactly when the server write does, on SQLite or PostgreSQL.
 */
class ServerWritesTest extends ServerStoreFixture {
    @Test
    void createRecordsEachServersActionInTheSameWrite() {
        String p = project();
        Server a = server(p, "a", TINY, 1);
        Server b = server(p, "b", TINY, 2);
        assertThat(servers.create(List.of(a, b), null, UNLIMITED,
                new ActionRecord.Start("req-c", "create", p, "u", 100))).isEmpty();
        for (Server s : List.of(a, b)) {
            InstanceAction act = actions.action(s.uuid(), "req-c").orElseThrow();
            assertThat(act.action()).isEqualTo("create");
            assertThat(act.startTime()).isEqualTo(100);
            assertThat(act.finishTime()).isNull();
        }
        // Over quota: neither servers nor actions are written.
        Server c = server(p, "c", TINY, 3);
        assertThat(servers.create(List.of(c), null, Map.of("instances", 2, "cores", -1, "ram", -1),
                new ActionRecord.Start("req-d", "create", p, "u", 200))).contains("instances");
        assertThat(servers.find(c.uuid())).isEmpty();
        assertThat(actions.actions(c.uuid())).isEmpty();
    }

    @Test
    void applyIsTheCompareAndSetAndWritesItsRecordOnlyWhenItApplied() {
        String p = project();
        Server s = server(p, "s", SMALL, 1);
        servers.create(List.of(s), null, UNLIMITED, new ActionRecord.Start("req-1", "create", p, "u", 10));
        long generation = servers.find(s.uuid()).orElseThrow().generation();

        ActionRecord.Event scheduled = new ActionRecord.Event("req-1", "conductor_schedule_and_build_instances",
                "h1", 11, 12, "Success", null, false);
        // Wrong task state: nothing changes, the event is not written.
        assertThat(servers.apply(s.uuid(), TaskExpectation.of(VmStates.Task.SPAWNING),
                ServerChange.of().taskState(null), scheduled)).isFalse();
        assertThat(actions.action(s.uuid(), "req-1").orElseThrow().events()).isEmpty();

        assertThat(servers.apply(s.uuid(), TaskExpectation.of(VmStates.Task.SCHEDULING),
                ServerChange.of().host("h1").taskState(VmStates.Task.SPAWNING), scheduled)).isTrue();
        Server after = servers.find(s.uuid()).orElseThrow();
        assertThat(after.host()).isEqualTo("h1");
        assertThat(after.taskState()).isEqualTo(VmStates.Task.SPAWNING);
        assertThat(after.generation()).isEqualTo(generation + 1);
        InstanceAction act = actions.action(s.uuid(), "req-1").orElseThrow();
        assertThat(act.events()).extracting(InstanceAction.Event::event)
                .containsExactly("conductor_schedule_and_build_instances");
        assertThat(act.finishTime()).isNull();
        assertThat(act.updatedAt()).isEqualTo(12);

        // The last step ends the action in the same write.
        assertThat(servers.apply(s.uuid(), TaskExpectation.of(VmStates.Task.SPAWNING),
                ServerChange.of().vmState(VmStates.ACTIVE).taskState(null), new ActionRecord.Event("req-1",
                        "compute_build_and_run_instance", "h1", 12, 20, "Success", null, true))).isTrue();
        act = actions.action(s.uuid(), "req-1").orElseThrow();
        assertThat(act.finishTime()).isEqualTo(20);
        assertThat(act.message()).isNull();
        assertThat(act.events()).hasSize(2);

        // An API action starts with its record; a second one racing it gets false and writes nothing.
        assertThat(servers.apply(s.uuid(), TaskExpectation.idle().inVmStates(VmStates.ACTIVE),
                ServerChange.of().taskState(VmStates.Task.REBOOTING),
                new ActionRecord.Start("req-2", "reboot", p, "u", 30))).isTrue();
        assertThat(servers.apply(s.uuid(), TaskExpectation.idle().inVmStates(VmStates.ACTIVE),
                ServerChange.of().taskState(VmStates.Task.REBOOTING),
                new ActionRecord.Start("req-3", "reboot", p, "u", 31))).isFalse();
        assertThat(actions.actions(s.uuid())).extracting(InstanceAction::requestId).containsExactly("req-2", "req-1");

        // A lost event still ends its action ("Finish").
        assertThat(servers.apply(s.uuid(), TaskExpectation.of(VmStates.Task.REBOOTING),
                ServerChange.of().taskState(null), new ActionRecord.Finish("req-2", null, 40))).isTrue();
        assertThat(actions.action(s.uuid(), "req-2").orElseThrow().finishTime()).isEqualTo(40);
    }

    @Test
    void applyKeepsUsageColumnsAndDropsConsoleTokensAsUpdateDoes() {
        String p = project();
        Server s = server(p, "r", TINY, 1);
        servers.create(List.of(s), null, UNLIMITED);
        assertThat(servers.usage(p, null).cores()).isEqualTo(TINY.vcpus());
        // Mid-resize the larger flavor counts.
        assertThat(servers.apply(s.uuid(), TaskExpectation.any(), ServerChange.of().newFlavor(SMALL), null)).isTrue();
        assertThat(servers.usage(p, null).cores()).isEqualTo(SMALL.vcpus());
        assertThat(servers.usage(p, null).ramMb()).isEqualTo(SMALL.memoryMb());
        assertThat(servers.apply(s.uuid(), TaskExpectation.any(), ServerChange.of().flavor(SMALL).newFlavor(null),
                null)).isTrue();
        assertThat(servers.usage(p, null).cores()).isEqualTo(SMALL.vcpus());
        // Deleted: out of the usage, and no further change applies.
        assertThat(servers.apply(s.uuid(), TaskExpectation.any(), ServerChange.of().vmState(VmStates.DELETED)
                .deletedAt(50L), null)).isTrue();
        assertThat(servers.usage(p, null).instances()).isZero();
        assertThat(servers.apply(s.uuid(), TaskExpectation.any(), ServerChange.of().name("x"), null)).isFalse();
        assertThat(servers.apply("no-such-uuid", TaskExpectation.any(), ServerChange.of().name("x"), null)).isFalse();
    }
}
