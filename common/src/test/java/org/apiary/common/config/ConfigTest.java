package org.apiary.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {
    static final ConfigOption<Integer> PORT = ConfigOption.port("identity", "port", 5000, "Port.");
    static final ConfigOption<Boolean> DEBUG = ConfigOption.bool("DEFAULT", "debug", false, "Debug.");
    static final ConfigOption<List<String>> ORIGINS = ConfigOption.list("cors", "allowed_origin", List.of(), "Origins.");

    @Test
    void readsTypedValuesAndDefaults() {
        Config c = new Config(IniFile.parse(List.of("# comment", "[DEFAULT]", "debug = yes", "", "[cors]",
                "allowed_origin = https://a.example, https://b.example"), "test"));
        assertThat(c.get(DEBUG)).isTrue();
        assertThat(c.get(PORT)).isEqualTo(5000);
        assertThat(c.get(ORIGINS)).containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void badValuesNameTheOption() {
        Config c = new Config(IniFile.parse(List.of("[identity]", "port = 99999"), "test"));
        assertThatThrownBy(() -> c.get(PORT)).isInstanceOf(ConfigException.class).hasMessageContaining("[identity] port");
    }

    @Test
    void malformedFilesAreRejectedWithLineNumbers() {
        assertThatThrownBy(() -> IniFile.parse(List.of("[identity", "port=1"), "f.conf"))
                .hasMessageContaining("f.conf:1");
        assertThatThrownBy(() -> IniFile.parse(List.of("port=1"), "f.conf")).hasMessageContaining("outside");
    }

    @Test
    void unknownKeysAreReported() {
        Config c = new Config(IniFile.parse(List.of("[identity]", "prot = 1"), "test"));
        assertThat(c.unknownKeys(List.of(PORT, DEBUG))).containsExactly("[identity] prot");
    }

    @Test
    void sampleListsEveryOptionWithItsDefault() {
        String sample = SampleConfig.render(List.of(PORT, DEBUG, ORIGINS));
        assertThat(sample).contains("[identity]", "#port = 5000", "[DEFAULT]", "#debug = false", "(port number)");
        assertThat(SampleConfig.markdown(List.of(PORT))).contains("| `[identity] port` | port number | `5000` |");
    }
}
