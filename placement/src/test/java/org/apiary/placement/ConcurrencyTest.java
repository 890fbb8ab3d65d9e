package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many parallel writers against few small providers: allocations claimed and released, and
 * inventory rewritten with the generation each writer read. Afterwards no provider holds more
 * than its capacity, every generation equals the number of writes that succeeded on it (no lost
 * update), and every answer was a 2xx or a 409, never a 500.
 */
class ConcurrencyTest extends PlacementTestBase {
    static final int THREADS = 16;
    static final int WRITES = 50;
    static final int PROVIDERS = 3;
    static final int CAPACITY = 10;

    @Test
    void parallelWritersNeverOverAllocateOrLoseUpdates() throws Exception {
        List<String> rps = new ArrayList<>();
        for (int i = 0; i < PROVIDERS; i++) {
            String rp = cloud.createProvider("busy-" + i, null);
            cloud.setInventory(rp, "\"VCPU\": {\"total\": " + CAPACITY + "}");
            rps.add(rp);
        }
        Map<String, AtomicInteger> bumps = new ConcurrentHashMap<>();
        rps.forEach(rp -> bumps.put(rp, new AtomicInteger(1))); // the initial inventory PUT
        Map<String, String> live = new ConcurrentHashMap<>(); // consumer → provider it holds 1 VCPU on
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                List<String> mine = new ArrayList<>();
                for (int i = 0; i < WRITES; i++) {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    String rp = rps.get(rnd.nextInt(PROVIDERS));
                    int kind = rnd.nextInt(10);
                    PlacementCloud.Response r;
                    if (kind < 6) {
                        String consumer = uuid();
                        r = cloud.send("PUT", "/allocations/" + consumer, "1.28", "{\"allocations\": {\"" + rp
                                + "\": {\"resources\": {\"VCPU\": 1}}}, \"project_id\": \"p\", \"user_id\": \"u\", "
                                + "\"consumer_generation\": null}");
                        if (r.status() == 204) {
                            live.put(consumer, rp);
                            mine.add(consumer);
                            bumps.get(rp).incrementAndGet();
                        }
                    } else if (kind < 8 && !mine.isEmpty()) {
                        String consumer = mine.remove(rnd.nextInt(mine.size()));
                        r = cloud.send("DELETE", "/allocations/" + consumer, null, null);
                        if (r.status() == 204) {
                            live.remove(consumer);
                        }
                    } else {
                        long gen = cloud.get("/resource_providers/" + rp, null).json().get("generation").asLong();
                        r = cloud.send("PUT", "/resource_providers/" + rp + "/inventories", null,
                                "{\"resource_provider_generation\": " + gen + ", \"inventories\": {\"VCPU\": "
                                        + "{\"total\": " + CAPACITY + ", \"max_unit\": " + (5 + rnd.nextInt(5)) + "}}}");
                        if (r.status() == 200) {
                            bumps.get(rp).incrementAndGet();
                        } else {
                            assertThat(r.code()).as(r.body()).isEqualTo("placement.concurrent_update");
                        }
                    }
                    statuses.computeIfAbsent(r.status(), k -> new AtomicInteger()).incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(statuses.keySet()).as(statuses.toString()).isSubsetOf(Set.of(200, 204, 409));
        assertThat(statuses.get(409)).as("some writers must have met a full provider or a stale generation")
                .isNotNull();
        for (String rp : rps) {
            JsonNode p = cloud.get("/resource_providers/" + rp, null).json();
            long used = cloud.get("/resource_providers/" + rp + "/usages", null).json().at("/usages/VCPU").asLong();
            long expectedUsed = live.values().stream().filter(rp::equals).count();
            assertThat(used).as("usage of " + rp).isEqualTo(expectedUsed).isLessThanOrEqualTo(CAPACITY);
            assertThat(p.get("generation").asInt()).as("generation of " + rp).isEqualTo(bumps.get(rp).get());
        }
    }
}
