package org.apiary.host.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuestDefinitionTest {
    static final String U = "aaaaaaaa-0000-4000-8000-000000000001";

    @Test
    void refusesWhatNoDriverCouldBuild() {
        assertThatThrownBy(() -> new GuestDefinition(U, "n", "h", "p", 0, 512, 1, 0, 0, "img", null, null, null))
                .hasMessageContaining("at least 1 vcpu");
        assertThatThrownBy(() -> new GuestDefinition(U, "n", "h", "p", 1, 512, -1, 0, 0, "img", null, null, null))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> new GuestDefinition(" ", "n", "h", "p", 1, 512, 1, 0, 0, "img", null, null, null))
                .hasMessageContaining("uuid");
        assertThatThrownBy(() -> new GuestNic("port", "net", "", 1500, List.of())).hasMessageContaining("MAC");
        assertThatThrownBy(() -> new HostResources(0, 1024, 10)).hasMessageContaining("positive");
    }

    @Test
    void isImmutableWithEmptyDefaults() {
        List<GuestNic> nics = new ArrayList<>(List.of(new GuestNic("port", "net", "fa:16:3e:00:00:01", 1450, null)));
        GuestDefinition d = new GuestDefinition(U, "n", "h", "p", 1, 512, 1, 0, 0, "img", null, nics, null);
        nics.clear();
        assertThat(d.nics()).hasSize(1);
        assertThat(d.nics().get(0).fixedIps()).isEmpty();
        assertThat(d.imageProperties()).isEqualTo(Map.of());
        assertThat(d.bootData()).isEqualTo(GuestBootData.NONE);
        assertThat(Hypervisor.encodeVersion(8, 2, 1)).isEqualTo(8_002_001L);
    }
}
