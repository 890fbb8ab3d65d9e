package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One cloud (Keystone + compute API over a fresh database) per test class. */
abstract class ComputeTestBase {
    static ComputeCloud cloud;

    @BeforeAll
    static void startCloud() throws Exception {
        cloud = new ComputeCloud();
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    static ComputeCloud.Response expect(ComputeCloud.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }

    /** A Nova error: the status, the body's single key and its code field. */
    static ComputeCloud.Response expectError(ComputeCloud.Response r, int status, String name) {
        expect(r, status);
        assertThat(r.errorName()).isEqualTo(name);
        assertThat(r.json().get(name).get("code").asInt()).isEqualTo(status);
        assertThat(r.json().get(name).get("message").asText()).isNotEmpty();
        return r;
    }

    /** A member token of a new user in a new project. */
    static String memberOf(String user, String project) {
        cloud.createUser(user, project, "member", false);
        return cloud.token(user, ComputeCloud.ADMIN_PASSWORD, project, false);
    }
}
