package org.apiary.compute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every write endpoint, at the oldest and newest microversion, with bodies of the wrong shape:
 * each answer is a 4xx in Nova's error body, never a 500.
 */
class BadInputTest extends ComputeTestBase {
    private static final String[] BODIES = {"", "not json", "null", "[]", "[1]", "1", "\"x\"", "{}", "{\"x\": 1}",
            "{\"flavor\": null}", "{\"flavor\": []}", "{\"flavor\": {\"name\": null}}",
            "{\"flavor\": {\"name\": \"n\", \"ram\": 1e400, \"vcpus\": {}, \"disk\": []}}",
            "{\"keypair\": {\"name\": 5}}", "{\"keypair\": {\"name\": \"k\", \"public_key\": 7}}",
            "{\"keypair\": {\"name\": \"k\", \"public_key\": \"ssh-rsa ####\"}}",
            "{\"keypair\": {\"name\": \"k\", \"type\": \"x509\", \"public_key\": \"-----BEGIN CERTIFICATE-----\"}}",
            "{\"extra_specs\": null}", "{\"extra_specs\": {\"k\": null}}", "{\"extra_specs\": {\"k\": {\"a\": 1}}}",
            "{\"extra_specs\": {\"k\": \"" + "v".repeat(300) + "\"}}", "{\"addTenantAccess\": null}",
            "{\"addTenantAccess\": {\"tenant\": 5}}", "{\"removeTenantAccess\": []}",
            "{\"quota_set\": {\"cores\": null}}", "{\"quota_set\": {\"cores\": 1.5}}",
            "{\"quota_set\": {\"cores\": \"1e3\"}}", "{\"quota_set\": {\"force\": \"perhaps\"}}",
            "{\"quota_class_set\": {\"ram\": -5}}", "{\"server_group\": {\"name\": \"g\", \"policies\": \"affinity\"}}",
            "{\"server_group\": {\"name\": \"g\", \"policy\": \"affinity\", \"rules\": []}}",
            "{\"server_group\": {\"name\": \"g\", \"policy\": \"anti-affinity\", \"rules\": "
                    + "{\"max_server_per_host\": \"many\"}}}",
            "{\"server_group\": {\"name\": \"g\", \"policies\": [\"affinity\", \"affinity\"]}}"};

    static String project;

    @BeforeAll
    static void flavor() {
        project = cloud.projectId("admin");
        expect(cloud.send("POST", "/flavors", null, "{\"flavor\": {\"name\": \"bad\", \"id\": \"bad\", \"ram\": 1, "
                + "\"vcpus\": 1, \"disk\": 0}}"), 200);
    }

    @Test
    void noBodyShapeGivesA500() {
        String[][] endpoints = {{"POST", "/flavors"}, {"PUT", "/flavors/bad"}, {"POST", "/flavors/bad/os-extra_specs"},
                {"PUT", "/flavors/bad/os-extra_specs/k"}, {"POST", "/flavors/bad/action"}, {"POST", "/os-keypairs"},
                {"PUT", "/os-quota-sets/" + project}, {"PUT", "/os-quota-class-sets/default"},
                {"POST", "/os-server-groups"}};
        List<String> wrong = new ArrayList<>();
        for (String version : new String[] {"2.1", "2.55", "2.93"}) {
            for (String[] e : endpoints) {
                for (String body : BODIES) {
                    ComputeCloud.Response r = cloud.send(e[0], e[1], version, body);
                    boolean novaBody = r.status() < 400 || r.body().startsWith("{\"") && r.json().size() == 1
                            && r.json().elements().next().has("message");
                    if (r.status() >= 500 || !novaBody) {
                        wrong.add(version + " " + e[0] + " " + e[1] + " " + body + " -> " + r.status() + " " + r.body());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noQueryGivesA500() {
        String[] queries = {"limit=abc", "limit=-1", "limit=99999999999999", "marker=", "sort_key=", "sort_dir=up",
                "minRam=x", "minDisk=1.5", "is_public=maybe", "offset=x", "user_id=", "all_projects=x", "tenant_id="};
        String[] paths = {"/flavors", "/flavors/detail", "/os-keypairs", "/os-server-groups", "/limits",
                "/os-quota-sets/" + project};
        List<String> wrong = new ArrayList<>();
        for (String version : new String[] {"2.1", "2.93"}) {
            for (String p : paths) {
                for (String q : queries) {
                    ComputeCloud.Response r = cloud.send("GET", p + "?" + q, version, null);
                    if (r.status() >= 500) {
                        wrong.add(version + " " + p + "?" + q + " -> " + r.status() + " " + r.body());
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
