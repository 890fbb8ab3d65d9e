package org.apiary.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apiary.common.config.SampleConfig;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md true to the option definitions. */
class DocsTest {
    static final String BEGIN = "<!-- BEGIN GENERATED OPTIONS -->\n";
    static final String END = "<!-- END GENERATED OPTIONS -->";

    @Test
    void configurationReferenceListsEveryOption() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        int from = doc.indexOf(BEGIN);
        int to = doc.indexOf(END);
        assertThat(from).as("generated-options markers in docs/configuration.md").isNotNegative();
        String generated = doc.substring(from + BEGIN.length(), to);
        assertThat(generated)
                .as("docs/configuration.md is stale: regenerate with `bin/apiary config sample --markdown`")
                .isEqualTo(SampleConfig.markdown(AllOptions.all()));
    }
}
