package org.apiary.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every bus must do, run on each implementation: interfaces and records travel as JSON,
 * calls answer, casts arrive, notifications fan out, failures come back typed. {@code server}
 * and {@code client} are two ends (two connections on RabbitMQ); topics are unique per test, so
 * queues left on a broker by an earlier run cannot interfere.
 */
abstract class BusContractTest {
    record Item(String id, int size, List<String> tags, Map<String, Object> extra) {}

    record Report(String host, boolean first) {}

    interface Inventory {

        Item get(String id);

        List<Item> list(int max, String prefix);

        int count();

        void report(Report r);

        Item fail(String why);
    }

    static final class InventoryImpl implements Inventory {
        final List<Report> reports = new CopyOnWriteArrayList<>();
        final CountDownLatch reported = new CountDownLatch(1);
        final List<String> callerThreads = new CopyOnWriteArrayList<>();

        @Override
        public Item get(String id) {
            callerThreads.add(Thread.currentThread().getName());
            return id == null ? null : new Item(id, 3, List.of("a", "b"), Map.of("k", 1));
        }

        @Override
        public List<Item> list(int max, String prefix) {
            return java.util.stream.IntStream.range(0, max).mapToObj(i -> new Item(prefix + i, i, List.of(), Map.of()))
                    .toList();
        }

        @Override
        public int count() {
            return 42;
        }

        @Override
        public void report(Report r) {
            reports.add(r);
            reported.countDown();
        }

        @Override
        public Item fail(String why) {
            throw new IllegalStateException(why);
        }
    }

    Bus server, client;
    final String topic = "test.inventory." + java.util.UUID.randomUUID();

    /** The two ends; the same object for a bus that lives in one process. */
    abstract Bus[] open();

    @org.junit.jupiter.api.BeforeEach
    void openBus() {
        Bus[] ends = open();
        server = ends[0];
        client = ends[1];
    }

    @AfterEach
    void close() {
        client.close();
        if (server != client) {
            server.close();
        }
    }

    @Test
    void callsReturnRecordsAndGenericsAcrossTheBus() {
        InventoryImpl impl = new InventoryImpl();
        RpcServers.serve(server, topic, Inventory.class, impl);
        Inventory api = RpcClients.proxy(client, Inventory.class, topic);

        Item item = api.get("x1");
        assertThat(item).isEqualTo(new Item("x1", 3, List.of("a", "b"), Map.of("k", 1)));
        assertThat(api.get(null)).isNull();
        assertThat(api.list(3, "p")).extracting(Item::id).containsExactly("p0", "p1", "p2");
        assertThat(api.count()).isEqualTo(42);
        // The server never runs on the caller's thread: same as a remote process.
        assertThat(impl.callerThreads).isNotEmpty().noneMatch(t -> t.equals(Thread.currentThread().getName()));
        assertThat(api.toString()).contains("Inventory", topic);
    }

    @Test
    void voidMethodsAreCastsThatDoNotWait() throws InterruptedException {
        InventoryImpl impl = new InventoryImpl();
        RpcServers.serve(server, topic, Inventory.class, impl);
        RpcClients.proxy(client, Inventory.class, topic).report(new Report("h1", true));
        assertThat(impl.reported.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(impl.reports).containsExactly(new Report("h1", true));
    }

    @Test
    void remoteExceptionsComeBackTypedWithClassAndMessage() {
        RpcServers.serve(server, topic, Inventory.class, new InventoryImpl());
        Inventory api = RpcClients.proxy(client, Inventory.class, topic);
        assertThatThrownBy(() -> api.fail("disk on fire")).isInstanceOfSatisfying(RemoteCallException.class, e -> {
            assertThat(e.remoteClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.remoteMessage()).isEqualTo("disk on fire");
        });
    }

    @Test
    void callsTimeOutWhenTheServerIsSlow() {
        CountDownLatch never = new CountDownLatch(1);
        server.serve(topic, body -> {
            try {
                never.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return body;
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.call(topic, "{}".getBytes(), Duration.ofMillis(300)))
                .isInstanceOf(BusTimeoutException.class).hasMessageContaining(topic);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        never.countDown();
    }

    @Test
    void aTopicWithoutServerFailsAtOnce() {
        Inventory api = RpcClients.proxy(client, Inventory.class, "nobody.home." + topic, Duration.ofSeconds(5));
        long start = System.nanoTime();
        assertThatThrownBy(api::count).isInstanceOf(BusException.class).isNotInstanceOf(BusTimeoutException.class)
                .hasMessageContaining("nobody.home");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void unknownMethodsAndBadArgumentsAreRemoteFailuresNotCrashes() {
        RpcServers.serve(server, topic, Inventory.class, new InventoryImpl());
        byte[] unknown = client.call(topic, "{\"method\":\"drop\",\"args\":[]}".getBytes(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> Envelopes.decodeReply(unknown, String.class))
                .isInstanceOfSatisfying(RemoteCallException.class,
                        e -> assertThat(e.remoteMessage()).contains("no method 'drop'"));
        byte[] badArgs = client.call(topic, "{\"method\":\"list\",\"args\":[\"x\",1]}".getBytes(),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> Envelopes.decodeReply(badArgs, List.class)).isInstanceOf(RemoteCallException.class);
        byte[] notJson = client.call(topic, "nope".getBytes(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> Envelopes.decodeReply(notJson, List.class))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.remoteMessage()).contains("JSON"));
    }

    interface Overloaded {
        void a(int x);

        void a(String x);
    }

    @Test
    void overloadedInterfacesAreRefused() {
        assertThatThrownBy(() -> RpcClients.proxy(client, Overloaded.class, topic))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overloaded");
    }

    @Test
    void callsAreSharedAmongServersOfATopic() {
        List<String> served = new CopyOnWriteArrayList<>();
        server.serve(topic, b -> {
            served.add("one");
            return Envelopes.result(1);
        });
        server.serve(topic, b -> {
            served.add("two");
            return Envelopes.result(2);
        });
        for (int i = 0; i < 6; i++) {
            client.call(topic, Envelopes.request("x", new Object[0]), Duration.ofSeconds(5));
        }
        assertThat(served).hasSize(6).contains("one", "two");
    }

    @Test
    void notificationsFanOutToEverySubscriberAsRecords() throws InterruptedException {
        CountDownLatch both = new CountDownLatch(2);
        List<Report> a = new CopyOnWriteArrayList<>(), b = new CopyOnWriteArrayList<>();
        Notifications.subscribe(server, topic, Report.class, r -> {
            a.add(r);
            both.countDown();
        });
        Bus.Registration second = Notifications.subscribe(client, topic, Report.class, r -> {
            b.add(r);
            both.countDown();
        });
        Notifications.publish(client, topic, new Report("h", false));
        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(a).containsExactly(new Report("h", false));
        assertThat(b).containsExactly(new Report("h", false));

        second.close();
        CountDownLatch one = new CountDownLatch(1);
        Notifications.subscribe(server, topic, Report.class, r -> one.countDown());
        Notifications.publish(client, topic, new Report("h2", true));
        assertThat(one.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(b).hasSize(1);
        assertThat(a).hasSize(2);
    }

    @Test
    void publishingWithoutSubscribersIsFine() {
        Notifications.publish(client, "nobody." + topic, new Report("h", true));
    }
}
