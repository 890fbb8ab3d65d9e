package org.apiary.compute;

import org.apiary.compute.domain.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One cloud per test class whose servers are written straight into the store (ServerFixtures: no
 * hosts, and Placement, Neutron, Glance refuse every call), with a member of one project to act as.
 */
abstract class SeededServersTestBase {
    static final String NO_SERVER = "00000000-0000-0000-0000-000000000000";
    static final String PROJECT_NAME = "proj-m";
    /** The user id seeded servers carry (any string: the store does not check it against Keystone). */
    static final String MEMBER_ID = "mia-id";
    static ComputeCloud cloud;
    /** A token of the member of {@link #PROJECT_NAME}. */
    static String member;
    /** The id of {@link #PROJECT_NAME}. */
    static String project;

    @BeforeAll
    static void startCloud() throws Exception {
        cloud = new ComputeCloud(ServerFixtures.unavailableExternals());
        member = userOf("mia", PROJECT_NAME, "member");
        project = cloud.projectId(PROJECT_NAME);
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    /** A token of a new user with {@code role} on the project (made when missing). */
    static String userOf(String user, String projectName, String role) {
        cloud.createUser(user, projectName, role, false);
        return cloud.token(user, ComputeCloud.ADMIN_PASSWORD, projectName, false);
    }

    /** An ACTIVE server of the member's project (see ServerFixtures.active). */
    static Server server(String name) {
        return ServerFixtures.seed(cloud, ServerFixtures.active(project, MEMBER_ID, name));
    }

    /** A compute request as the member. */
    static ComputeCloud.Response as(String method, String path, String version, String body) {
        return cloud.as(member, method, path, version, body);
    }

    static ComputeCloud.Response expect(ComputeCloud.Response r, int status) {
        return ComputeTestBase.expect(r, status);
    }
}
