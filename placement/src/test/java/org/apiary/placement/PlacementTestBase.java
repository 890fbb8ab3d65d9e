package org.apiary.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One cloud per test class, emptied before each test (as each gabbi file starts on an empty database). */
abstract class PlacementTestBase {
    static PlacementCloud cloud;

    @BeforeAll
    static void startCloud() throws Exception {
        cloud = new PlacementCloud();
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @BeforeEach
    void emptyPlacement() {
        cloud.reset();
    }

    static PlacementCloud.Response expect(PlacementCloud.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }

    static String uuid() {
        return java.util.UUID.randomUUID().toString();
    }
}
