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

/** Interfaces and records travel over the in-process bus as JSON, exactly as they would between processes. */
class TypedBindingTest {
    record Item(String id, int size, List<String> tags, Map<String, Object> extra) {}

    record Report(String host, boolean first) {}

    interface Inventory {
        String TOPIC = "test.inventory";

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

    final InProcessBus bus = new InProcessBus();

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void callsReturnRecordsAndGenericsAcrossTheBus() {
        InventoryImpl impl = new InventoryImpl();
        RpcServers.serve(bus, Inventory.TOPIC, Inventory.class, impl);
        Inventory client = RpcClients.proxy(bus, Inventory.class, Inventory.TOPIC);

        Item item = client.get("x1");
        assertThat(item).isEqualTo(new Item("x1", 3, List.of("a", "b"), Map.of("k", 1)));
        assertThat(client.get(null)).isNull();
        assertThat(client.list(3, "p")).extracting(Item::id).containsExactly("p0", "p1", "p2");
        assertThat(client.count()).isEqualTo(42);
        // The server ran on a bus thread, not the caller's: same as a remote process.
        assertThat(impl.callerThreads).allSatisfy(t -> assertThat(t).startsWith("bus-"));
        assertThat(client.toString()).contains("Inventory", Inventory.TOPIC);
    }

    @Test
    void voidMethodsAreCastsThatDoNotWait() throws InterruptedException {
        InventoryImpl impl = new InventoryImpl();
        RpcServers.serve(bus, Inventory.TOPIC, Inventory.class, impl);
        RpcClients.proxy(bus, Inventory.class, Inventory.TOPIC).report(new Report("h1", true));
        assertThat(impl.reported.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(impl.reports).containsExactly(new Report("h1", true));
    }

    @Test
    void remoteExceptionsComeBackTypedWithClassAndMessage() {
        RpcServers.serve(bus, Inventory.TOPIC, Inventory.class, new InventoryImpl());
        Inventory client = RpcClients.proxy(bus, Inventory.class, Inventory.TOPIC);
        assertThatThrownBy(() -> client.fail("disk on fire")).isInstanceOfSatisfying(RemoteCallException.class, e -> {
            assertThat(e.remoteClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.remoteMessage()).isEqualTo("disk on fire");
        });
    }

    @Test
    void callsTimeOutWhenTheServerIsSlow() {
        CountDownLatch never = new CountDownLatch(1);
        bus.serve("slow", body -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return body;
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> bus.call("slow", "{}".getBytes(), Duration.ofMillis(200)))
                .isInstanceOf(BusTimeoutException.class).hasMessageContaining("slow");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aTopicWithoutServerFailsAtOnce() {
        Inventory client = RpcClients.proxy(bus, Inventory.class, "nobody.home");
        assertThatThrownBy(client::count).isInstanceOf(BusException.class).hasMessageContaining("nobody.home");
    }

    @Test
    void unknownMethodsAndBadArgumentsAreRemoteFailuresNotCrashes() {
        RpcServers.serve(bus, Inventory.TOPIC, Inventory.class, new InventoryImpl());
        byte[] unknown = bus.call(Inventory.TOPIC, "{\"method\":\"drop\",\"args\":[]}".getBytes(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> Envelopes.decodeReply(unknown, String.class))
                .isInstanceOfSatisfying(RemoteCallException.class,
                        e -> assertThat(e.remoteMessage()).contains("no method 'drop'"));
        byte[] badArgs = bus.call(Inventory.TOPIC, "{\"method\":\"list\",\"args\":[\"x\",1]}".getBytes(),
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> Envelopes.decodeReply(badArgs, List.class)).isInstanceOf(RemoteCallException.class);
        byte[] notJson = bus.call(Inventory.TOPIC, "nope".getBytes(), Duration.ofSeconds(5));
        assertThatThrownBy(() -> Envelopes.decodeReply(notJson, List.class))
                .isInstanceOfSatisfying(RemoteCallException.class, e -> assertThat(e.remoteMessage()).contains("JSON"));
    }

    interface Overloaded {
        void a(int x);

        void a(String x);
    }

    @Test
    void overloadedInterfacesAreRefused() {
        assertThatThrownBy(() -> RpcClients.proxy(bus, Overloaded.class, "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overloaded");
    }

    @Test
    void callsAreSharedAmongServersOfATopic() {
        List<String> served = new CopyOnWriteArrayList<>();
        bus.serve("shared", b -> {
            served.add("one");
            return Envelopes.result(1);
        });
        bus.serve("shared", b -> {
            served.add("two");
            return Envelopes.result(2);
        });
        for (int i = 0; i < 4; i++) {
            bus.call("shared", Envelopes.request("x", new Object[0]), Duration.ofSeconds(5));
        }
        assertThat(served).containsOnly("one", "two").hasSize(4).contains("one", "two");
    }

    @Test
    void notificationsFanOutToEverySubscriberAsRecords() throws InterruptedException {
        CountDownLatch both = new CountDownLatch(2);
        List<Report> a = new CopyOnWriteArrayList<>(), b = new CopyOnWriteArrayList<>();
        Notifications.subscribe(bus, "changes", Report.class, r -> {
            a.add(r);
            both.countDown();
        });
        Bus.Registration second = Notifications.subscribe(bus, "changes", Report.class, r -> {
            b.add(r);
            both.countDown();
        });
        Notifications.publish(bus, "changes", new Report("h", false));
        assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(a).containsExactly(new Report("h", false));
        assertThat(b).containsExactly(new Report("h", false));

        second.close();
        CountDownLatch one = new CountDownLatch(1);
        Notifications.subscribe(bus, "changes", Report.class, r -> one.countDown());
        Notifications.publish(bus, "changes", new Report("h2", true));
        assertThat(one.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100);
        assertThat(b).hasSize(1);
    }

    @Test
    void publishingWithoutSubscribersIsFineAndAClosedBusRefuses() {
        Notifications.publish(bus, "nobody", new Report("h", true));
        bus.serve("t", body -> body);
        bus.close();
        assertThatThrownBy(() -> bus.cast("t", "{}".getBytes())).isInstanceOf(BusException.class);
    }
}
