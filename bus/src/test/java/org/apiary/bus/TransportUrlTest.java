package org.apiary.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apiary.common.config.Config;
import org.junit.jupiter.api.Test;

class TransportUrlTest {
    @Test
    void parsesOsloStyleUrls() {
        assertThat(TransportUrl.parse("rabbit://apiary:s%40cret@mq1:5673,mq2/prod")).isEqualTo(new TransportUrl(
                "apiary", "s@cret", List.of(new TransportUrl.HostPort("mq1", 5673),
                new TransportUrl.HostPort("mq2", 5672)), "prod"));
        assertThat(TransportUrl.parse("rabbit://guest:guest@127.0.0.1:5672/").virtualHost()).isEqualTo("/");
        assertThat(TransportUrl.parse("rabbit://127.0.0.1").user()).isEqualTo("guest");
    }

    @Test
    void refusesOtherSchemesAndRedactsPasswords() {
        assertThatThrownBy(() -> TransportUrl.parse("kafka://u:pw@h:9092/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rabbit://")
                .hasMessageNotContaining(":pw@");
        assertThat(TransportUrl.redact("rabbit://u:pw@h:5672/")).isEqualTo("rabbit://u:***@h:5672/");
    }

    @Test
    void openRemoteNeedsARabbitUrl() {
        assertThatThrownBy(() -> Buses.openRemote(Config.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transport_url is not set");
        assertThatThrownBy(() -> Buses.openRemote(Config.empty().with(BusOptions.TRANSPORT_URL, "fake://x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not supported");
    }
}
