package org.apiary.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The contract against a real RabbitMQ (APIARY_TEST_RABBIT_URL, e.g. rabbit://guest:guest@127.0.0.1:5672/);
 * skipped without one. Client and server are two separate connections, as two processes would be.
 */
@EnabledIfEnvironmentVariable(named = "APIARY_TEST_RABBIT_URL", matches = "rabbit://.+")
class RabbitBusTest extends BusContractTest {
    static final String URL = System.getenv("APIARY_TEST_RABBIT_URL");

    @Override
    Bus[] open() {
        return new Bus[] {RabbitBus.connect(URL, "apiary-test"), RabbitBus.connect(URL, "apiary-test")};
    }

    @Test
    void aWrongPasswordIsAClearErrorWithoutThePassword() {
        TransportUrl u = TransportUrl.parse(URL);
        String wrong = "rabbit://" + u.user() + ":not-the-password@" + u.hosts().get(0).host() + ":"
                + u.hosts().get(0).port() + "/";
        assertThatThrownBy(() -> RabbitBus.connect(wrong, "apiary-test")).isInstanceOf(BusException.class)
                .hasMessageContaining("cannot connect").hasMessageNotContaining("not-the-password");
        assertThat(TransportUrl.redact(wrong)).doesNotContain("not-the-password");
    }
}
