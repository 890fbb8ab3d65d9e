package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.apiary.compute.domain.ConsoleAuth;
import org.apiary.compute.domain.ConsoleService;
import org.apiary.compute.domain.Server;
import org.apiary.compute.store.sql.SqlConsoleStore;
import org.apiary.compute.store.sql.SqlServerStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console token store under a clock the test moves: expiry, purging, and proxy registration checks. */
class ConsoleTokensTest {
    static ComputeCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        cloud = new ComputeCloud(ServerFixtures.unavailableExternals());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int rows() {
        return cloud.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM compute_console_auth_token")
                .mapTo(Integer.class).one());
    }

    @Test
    void tokensExpireAfterTheirTtlAndArePurged() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        SqlConsoleStore store = new SqlConsoleStore(cloud.database());
        ConsoleService consoles = new ConsoleService(store, new SqlServerStore(cloud.database()),
                Duration.ofSeconds(30), now::get);
        consoles.registerProxy("host1", "ws://127.0.0.1:6083/");
        Server s = ServerFixtures.seed(cloud, ServerFixtures.active("p-ttl", "u-ttl", "ttl"));
        String url = consoles.serialConsoleUrl(s, "serial");
        String token = url.substring(url.indexOf("?token=") + 7);
        assertThat(consoles.validate(token)).map(ConsoleAuth::expires).contains(now.get() + 30_000);
        assertThat(store.findToken(sha256(token), now.get())).isPresent();

        now.addAndGet(29_999);
        assertThat(consoles.validate(token)).isPresent();
        now.addAndGet(1);
        assertThat(consoles.validate(token)).as("expired at created + ttl").isEmpty();

        int before = rows();
        assertThat(store.purge(now.get())).isGreaterThanOrEqualTo(1);
        assertThat(rows()).isLessThan(before);
        assertThat(store.findToken(sha256(token), 0)).as("the expired row is gone").isEmpty();
    }

    @Test
    void registrationTakesOnlyWebSocketUrlsAndReplacesTheOldOne() {
        SqlConsoleStore store = new SqlConsoleStore(cloud.database());
        ConsoleService consoles = new ConsoleService(store, new SqlServerStore(cloud.database()),
                Duration.ofSeconds(600), System::currentTimeMillis);
        consoles.registerProxy("host-r", "ws://10.0.0.1:6083/");
        consoles.registerProxy("host-r", "wss://console.example/serial/");
        assertThat(store.proxyBaseUrl("host-r")).contains("wss://console.example/serial/");
        for (String bad : new String[] {"http://h:6083/", "ws:///nohost", "ws://h/?token=x", "not a url", ""}) {
            assertThatThrownBy(() -> consoles.registerProxy("host-r", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new ConsoleService(store, new SqlServerStore(cloud.database()), Duration.ZERO,
                System::currentTimeMillis)).isInstanceOf(IllegalArgumentException.class);
    }
}
