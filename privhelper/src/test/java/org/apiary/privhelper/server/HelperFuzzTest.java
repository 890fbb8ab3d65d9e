package org.apiary.privhelper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apiary.privhelper.freebsd.FreeBsdBackend;
import org.apiary.privhelper.freebsd.sim.FreeBsdSim;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.ops.OpCatalog;
import org.apiary.privhelper.protocol.Wire;

/**
 * Property-based fuzzing of the whole request path against the FreeBSD simulator (never the real
 * host): arbitrary bytes, and valid-looking requests with fields mutated, dropped or added. The
 * helper must always answer a well-formed reply, never hit an internal error, never make the
 * simulator see malformed argv, and a refused request must leave the host exactly as it was.
 */
class HelperFuzzTest {
    static final String NET = HostileCorpus.NET;

    @Property(tries = 400)
    void arbitraryBytesAreRefusedCleanly(@ForAll byte[] body) throws Exception {
        check(body);
    }

    @Property(tries = 1500)
    void mutatedRequestsNeverCrashOrLeak(@ForAll("requests") String body) throws Exception {
        check(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void check(byte[] body) throws Exception {
        Path state = Files.createTempDirectory("fuzz");
        FreeBsdSim sim = new FreeBsdSim();
        HelperService service = new HelperService(sim.backend(new HelperSettings(state, Set.of("em0"))),
                new AuditLog(l -> { }));
        List<String> before = sim.leftovers();
        JsonNode reply;
        try {
            reply = Wire.MAPPER.readTree(service.handle(new Peer("fuzz", "fuzz"), body));
        } finally {
            try (var files = Files.walk(state)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertThat(reply.get("ok").isBoolean()).isTrue();
        if (!reply.get("ok").asBoolean()) {
            assertThat(reply.at("/error/code").asText()).isNotEqualTo("internal");
            assertThat(sim.leftovers()).isEqualTo(before);
        }
        assertThat(sim.violations()).isEmpty();
    }

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> op = Arbitraries.oneOf(Arbitraries.of(OpCatalog.names()), Arbitraries.strings().ofMaxLength(20));
        Arbitrary<String> field = Arbitraries.of("name", "owner", "bridge", "member", "parent", "vlanId", "vni", "local",
                "remote", "group", "device", "outside", "inside", "iface", "address", "destination", "via", "subnets",
                "hosts", "leaseSeconds", "mtu", "port", "rules", "feature", "key", "value", "cmd", "path", "format",
                "sizeBytes", "cloneOf", "source", "sourceFormat", "target", "targetFormat", "vcpus", "memoryMb", "disks",
                "nics", "cdrom", "boot", "files");
        Arbitrary<JsonNode> value = Arbitraries.oneOf(
                Arbitraries.of("apb-a", "apt-a", "apv-a", "apv-b", "apx-a", "apl-a", "em0", "eth0", NET,
                        "10.0.0.1", "10.0.0.0/24", "::1", "fa:16:3e:00:00:01", "bridge", "ip_forward", "ingress",
                        "a;b", "../x", "", "raw", "qcow2", "vmdk", "uefi", "bhyveload", "a.raw", "/etc/passwd",
                        "zvol/x", "0b0b0b0b-1111-4222-8333-444444444444").map(s -> (JsonNode) Wire.MAPPER.getNodeFactory().textNode(s)),
                Arbitraries.strings().ofMaxLength(30).map(s -> (JsonNode) Wire.MAPPER.getNodeFactory().textNode(s)),
                Arbitraries.longs().map(n -> (JsonNode) Wire.MAPPER.getNodeFactory().numberNode(n)),
                Arbitraries.of(true, false).map(b -> (JsonNode) Wire.MAPPER.getNodeFactory().booleanNode(b)),
                Arbitraries.just(Wire.MAPPER.createArrayNode()),
                Arbitraries.of("openstack/latest/meta_data.json", "openstack/latest/user_data", "../x", "a")
                        .map(k -> (JsonNode) Wire.MAPPER.createObjectNode().put(k, "e30=")),
                Arbitraries.just(Wire.MAPPER.getNodeFactory().nullNode()));
        Arbitrary<List<String>> fields = field.list().ofMaxSize(6);
        Arbitrary<List<JsonNode>> values = value.list().ofSize(6);
        return Combinators.combine(op, fields, values).as((o, fs, vs) -> {
            ObjectNode args = Wire.MAPPER.createObjectNode();
            for (int i = 0; i < fs.size(); i++) {
                args.set(fs.get(i), vs.get(i));
            }
            ObjectNode req = Wire.MAPPER.createObjectNode().put("op", o);
            req.set("args", args);
            return req.toString();
        });
    }
}
