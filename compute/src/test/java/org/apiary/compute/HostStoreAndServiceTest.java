package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apiary.common.error.ServiceException;
import org.apiary.compute.domain.ComputeNode;
import org.apiary.compute.domain.HostService;
import org.apiary.compute.domain.HostService.ServiceState;
import org.apiary.compute.domain.HostService.Usage;
import org.apiary.compute.domain.Migration;
import org.apiary.compute.rpc.HostReport;
import org.apiary.compute.store.sql.SqlHostStore;
import org.apiary.compute.store.sql.SqlMigrationStore;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SqlHostStore's heartbeat upsert (and its race), and HostService's up/down, zones and delete rules. */
class HostStoreAndServiceTest {
    private String url;
    private Database db;
    private SqlHostStore store;
    private SqlMigrationStore migrations;
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    @BeforeEach
    void freshDatabase() throws Exception {
        url = TestDatabases.fresh();
        Path dir = Files.createTempDirectory("apiary-hosts-test");
        db = Database.open(url != null ? url : "sqlite:///" + dir.resolve("test.db"), 8, 10000);
        db.migrate("compute");
        store = new SqlHostStore(db);
        migrations = new SqlMigrationStore(db);
    }

    @AfterEach
    void close() {
        db.close();
        TestDatabases.dropIfCreated(url);
    }

    static HostReport report(String host, int vcpus) {
        return new HostReport(host, host + ".node", "QEMU", 8_002_000, "192.0.2.10", vcpus, 8192, 100, 1, 512, 10,
                16.0, 1.5, 1.0, Set.of("COMPUTE_NET_ATTACH_INTERFACE", "HW_ARCH_X86_64", "HW_CPU_X86_AVX2"), 3);
    }

    private HostService service(HostService.Lookups lookups) {
        return new HostService(store, migrations, lookups, new HostService.Settings(60, "nova", "ctl"), clock::get);
    }

    private HostService service() {
        return service(new HostService.Lookups(h -> false, h -> List.of(), null));
    }

    private long count(String table, String host) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE host = :h")
                .bind("h", host).mapTo(Long.class).one());
    }

    @Test
    void aHeartbeatUpdatesTheSameServiceAndNode() {
        ComputeNode first = store.report(report("h1", 4), UUID.randomUUID().toString(), 1000);
        ComputeNode second = store.report(report("h1", 8), UUID.randomUUID().toString(), 2000);
        assertThat(second.uuid()).isEqualTo(first.uuid());
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(count("compute_service", "h1")).isEqualTo(1);
        assertThat(count("compute_node", "h1")).isEqualTo(1);
        ComputeNode stored = store.node(first.uuid()).orElseThrow();
        assertThat(stored.report().vcpus()).isEqualTo(8);
        assertThat(stored.report().traits()).contains("HW_CPU_X86_AVX2");
        assertThat(stored.updatedAt()).isEqualTo(2000L);
        assertThat(store.serviceByHost("h1").orElseThrow().lastSeenUp()).isEqualTo(2000L);
        int reports = db.jdbi().withHandle(h -> h.createQuery("SELECT report_count FROM compute_service "
                + "WHERE host = 'h1'").mapTo(Integer.class).one());
        assertThat(reports).isEqualTo(2);
    }

    @Test
    void twoAgentsReportingANewHostAtOnceMakeOneRowEach() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String host = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<ComputeNode>> results = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.report(report(host, 2), UUID.randomUUID().toString(), clock.get());
                    }));
                }
                String a = results.get(0).get().uuid();
                String b = results.get(1).get().uuid();
                assertThat(a).as(host).isEqualTo(b);
                assertThat(count("compute_service", host)).as(host).isEqualTo(1);
                assertThat(count("compute_node", host)).as(host).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aServiceIsDownAfterServiceDownTimeOrWhenForcedDown() {
        HostService hosts = service();
        hosts.report(report("h2", 2));
        ServiceState s = hosts.serviceByHostAndBinary("h2", "nova-compute");
        assertThat(s.up()).isTrue();
        clock.addAndGet(60_000);
        assertThat(hosts.service(s.service().uuid()).up()).isTrue();
        clock.addAndGet(1);
        assertThat(hosts.service(s.service().uuid()).up()).isFalse();
        hosts.report(report("h2", 2));
        assertThat(hosts.service(s.service().uuid()).up()).isTrue();
        ServiceState forced = hosts.update(s, null, null, true);
        assertThat(forced.up()).isFalse();
        assertThat(forced.service().forcedDown()).isTrue();
        ServiceState disabled = hosts.update(forced, true, "maintenance", false);
        assertThat(disabled.up()).isTrue();
        assertThat(disabled.service().disabled()).isTrue();
        assertThat(disabled.service().disabledReason()).isEqualTo("maintenance");
    }

    @Test
    void controllerServicesAreUpInTheInternalZoneAndCannotBeChanged() {
        HostService hosts = service();
        List<ServiceState> all = hosts.services();
        assertThat(all).extracting(s -> s.service().binary()).containsExactly("nova-scheduler", "nova-conductor");
        assertThat(all).allMatch(s -> s.up() && s.zone().equals("internal") && s.service().host().equals("ctl"));
        ServiceState scheduler = all.get(0);
        assertThat(hosts.service(scheduler.service().uuid())).isEqualTo(scheduler);
        assertThatThrownBy(() -> hosts.update(scheduler, true, null, null)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("Only nova-compute services can be updated");
        assertThatThrownBy(() -> hosts.delete(scheduler)).isInstanceOf(ServiceException.class);
    }

    @Test
    void theComputeZoneIsAvailableWhileAnEnabledServiceIsUp() {
        HostService hosts = service();
        assertThat(hosts.zones()).extracting(HostService.Zone::name).containsExactly("internal");
        hosts.report(report("h3", 2));
        assertThat(hosts.zones()).extracting(z -> z.name() + ":" + z.available())
                .containsExactly("internal:true", "nova:true");
        assertThat(hosts.zones().get(1).hosts()).containsOnlyKeys("h3");
        ServiceState s = hosts.serviceByHostAndBinary("h3", "nova-compute");
        hosts.update(s, true, null, null);
        assertThat(hosts.zones()).extracting(z -> z.name() + ":" + z.available())
                .containsExactly("internal:true", "nova:false");
        hosts.update(s, false, null, null);
        clock.addAndGet(120_000);
        assertThat(hosts.zones().get(1).available()).isFalse();
        assertThat(hosts.zones().get(1).hosts()).isNull();
    }

    @Test
    void deleteIsRefusedWhileTheHostHasServersOrMigrations() {
        List<String> withServers = new ArrayList<>(List.of("busy"));
        HostService hosts = service(new HostService.Lookups(withServers::contains, h -> List.of(), null));
        hosts.report(report("busy", 2));
        ServiceState busy = hosts.serviceByHostAndBinary("busy", "nova-compute");
        assertThatThrownBy(() -> hosts.delete(busy)).isInstanceOf(ServiceException.class)
                .extracting(e -> ((ServiceException) e).status()).isEqualTo(409);
        withServers.clear();
        Migration m = migrations.create(new Migration(0, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "resize", "finished", "busy", "other", "busy.node", "other.node", "1", "2", "p", "u", 1, null));
        assertThatThrownBy(() -> hosts.delete(busy)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("in-progress migrations");
        migrations.setStatus(m.uuid(), "confirmed", 2);
        hosts.delete(busy);
        assertThat(store.serviceByHost("busy")).isEmpty();
        assertThat(store.nodeByHost("busy")).isEmpty();
        assertThatThrownBy(() -> hosts.service(busy.service().uuid())).isInstanceOf(ServiceException.class)
                .extracting(e -> ((ServiceException) e).status()).isEqualTo(404);
    }

    @Test
    void hypervisorFiguresAddTheUsageLookupToTheReservedShare() {
        HostService hosts = service(new HostService.Lookups(h -> false, h -> List.of(),
                h -> h.equals("used") ? new Usage(2, 1024, 20, 1) : null));
        hosts.report(report("used", 4));
        hosts.report(report("idle", 4));
        HostService.Hypervisor used = hosts.search("used").get(0);
        assertThat(used.vcpusUsed()).isEqualTo(3);
        assertThat(used.memoryMbUsed()).isEqualTo(1536);
        assertThat(used.localGbUsed()).isEqualTo(30);
        assertThat(used.freeRamMb()).isEqualTo(8192 - 1536);
        HostService.Hypervisor idle = hosts.search("idle").get(0);
        assertThat(idle.vcpusUsed()).isEqualTo(1);
        assertThat(idle.usage()).isEqualTo(Usage.NONE);
        HostService.Statistics st = hosts.statistics();
        assertThat(st.count()).isEqualTo(2);
        assertThat(st.vcpus()).isEqualTo(8);
        assertThat(st.vcpusUsed()).isEqualTo(4);
        assertThat(st.currentWorkload()).isEqualTo(1);
        assertThat(st.runningVms()).isEqualTo(6);
        hosts.update(hosts.serviceByHostAndBinary("idle", "nova-compute"), true, null, null);
        assertThat(hosts.statistics().count()).isEqualTo(1);
        assertThatThrownBy(() -> hosts.search("nomatch")).isInstanceOf(ServiceException.class);
    }
}
