package org.apiary.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** IPAM under concurrency: never one address twice, never a 500; exhaustion is 409. */
class ConcurrentPortsTest extends NetworkTestBase {

    @Test
    void twoHundredPortsConcurrentlyOnOneSubnetGetDistinctAddresses() throws Exception {
        String net = network(admin, "busy");
        subnet(admin, net, "10.60.0.0/24"); // 253 usable addresses
        List<NetworkCloud.Response> responses = createConcurrently(net, 200);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Set<String> addresses = new HashSet<>();
        Set<String> macs = new HashSet<>();
        for (NetworkCloud.Response r : responses) {
            statuses.merge(r.status(), 1, Integer::sum);
            if (r.status() == 201) {
                assertThat(addresses.add(r.json().path("port").path("fixed_ips").get(0).path("ip_address").asText()))
                        .as("duplicate address in " + r.body()).isTrue();
                assertThat(macs.add(r.json().path("port").path("mac_address").asText())).isTrue();
            }
        }
        assertThat(statuses).as("statuses").containsOnlyKeys(201);
        assertThat(addresses).hasSize(200);
        // the database agrees with the responses
        var listed = expect(cloud.call("GET", "/v2.0/ports?network_id=" + net, admin, null), 200).json().path("ports");
        assertThat(listed).hasSize(200);
    }

    @Test
    void exhaustionUnderConcurrencyIs409IpAddressGenerationFailure() throws Exception {
        String net = network(admin, "small");
        subnet(admin, net, "10.61.0.0/28"); // .2 - .14: 13 addresses
        List<NetworkCloud.Response> responses = createConcurrently(net, 20);
        int created = 0;
        Set<String> addresses = new HashSet<>();
        for (NetworkCloud.Response r : responses) {
            if (r.status() == 201) {
                created++;
                assertThat(addresses.add(r.json().path("port").path("fixed_ips").get(0).path("ip_address").asText()))
                        .isTrue();
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(409);
                assertThat(r.errorType()).isEqualTo("IpAddressGenerationFailure");
            }
        }
        assertThat(created).isEqualTo(13);
    }

    private static List<NetworkCloud.Response> createConcurrently(String net, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<NetworkCloud.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> cloud.call("POST", "/v2.0/ports", admin,
                        "{\"port\": {\"network_id\": \"" + net + "\"}}")));
            }
            List<NetworkCloud.Response> out = new ArrayList<>();
            for (Future<NetworkCloud.Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }
}
