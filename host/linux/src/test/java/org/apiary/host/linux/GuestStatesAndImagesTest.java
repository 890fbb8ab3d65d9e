package org.apiary.host.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.GuestState;
import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestStatesAndImagesTest {
    static final String VM = "3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";

    static GuestInfo info(String json) throws Exception {
        return GuestStates.info(Wire.MAPPER.readTree(json));
    }

    @Test
    void helperStatusesMapToPowerStates() throws Exception {
        assertThat(info("{\"name\":\"" + VM + "\",\"running\":true,\"pid\":7}"))
                .isEqualTo(new GuestInfo(VM, GuestState.RUNNING, null));
        assertThat(info("{\"name\":\"" + VM + "\",\"running\":false}"))
                .isEqualTo(new GuestInfo(VM, GuestState.SHUTDOWN, "not running"));
        assertThat(info("{\"name\":\"" + VM + "\",\"running\":false,\"exitCode\":0,\"exitMeaning\":\"poweroff\"}"))
                .isEqualTo(new GuestInfo(VM, GuestState.SHUTDOWN, "exit 0 (poweroff)"));
        assertThat(info("{\"name\":\"" + VM + "\",\"running\":false,\"exitCode\":0,\"exitMeaning\":\"reboot\"}")
                .state()).isEqualTo(GuestState.SHUTDOWN);
        assertThat(info("{\"name\":\"" + VM + "\",\"running\":false,\"exitCode\":1,\"exitMeaning\":\"error\"}"))
                .isEqualTo(new GuestInfo(VM, GuestState.CRASHED, "exit 1 (error)"));
        assertThat(info("{\"name\":\"" + VM + "\",\"running\":false,\"exitCode\":137,\"exitMeaning\":\"killed\"}")
                .state()).as("killed by someone else than the driver (OOM killer)").isEqualTo(GuestState.CRASHED);
        assertThat(GuestStates.rebooted(Wire.MAPPER.readTree("{\"running\":false,\"exitMeaning\":\"reboot\"}")))
                .isTrue();
        assertThat(GuestStates.rebooted(Wire.MAPPER.readTree("{\"running\":true,\"exitMeaning\":\"reboot\"}")))
                .isFalse();
    }

    @Test
    void tapNamesFollowTheNetworkAgentsRule() {
        assertThat(GuestLayout.tap("0123ABCD-ef45-4678-9abc-def012345678")).isEqualTo("apt-0123abcdef4");
        assertThatThrownBy(() -> GuestLayout.tap("port-1")).hasMessageContaining("not a UUID");
    }

    @Test
    void theImageCacheFindsQcow2ThenRawAndNamesWhatIsMissing(@TempDir Path dir) throws Exception {
        ImageCacheDirectory cache = new ImageCacheDirectory(dir);
        String a = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", b = "1a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
        Files.writeString(dir.resolve(a + ".raw"), "");
        Files.writeString(dir.resolve(b + ".qcow2"), "");
        assertThat(cache.fetch(a)).isEqualTo(new CachedImage(dir.resolve(a + ".raw"), "raw"));
        assertThat(cache.fetch(b)).isEqualTo(new CachedImage(dir.resolve(b + ".qcow2"), "qcow2"));
        assertThatThrownBy(() -> cache.fetch("2a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not in this host's image cache");
        assertThatThrownBy(() -> cache.fetch("../../etc/passwd")).hasMessageContaining("is not an image id");
    }
}
