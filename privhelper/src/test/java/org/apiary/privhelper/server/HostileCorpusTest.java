package org.apiary.privhelper.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apiary.privhelper.freebsd.FreeBsdBackend;
import org.apiary.privhelper.freebsd.sim.FreeBsdSim;
import org.apiary.privhelper.host.HelperSettings;
import org.apiary.privhelper.ops.BridgeEnsure;
import org.apiary.privhelper.protocol.Wire;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every hostile request is refused with its expected code and a message, and changes nothing on the host. */
class HostileCorpusTest {
    @TempDir
    Path state;

    FreeBsdSim sim;
    HelperService service;
    final List<String> audit = new ArrayList<>();

    @BeforeEach
    void setUp() {
        sim = new FreeBsdSim();
        FreeBsdBackend backend = sim.backend(new HelperSettings(state, Set.of("em0")));
        backend.apply(new BridgeEnsure("apb-net1", HostileCorpus.NET));
        service = new HelperService(backend, new AuditLog(audit::add));
    }

    @Test
    void corpusIsLargeEnough() {
        assertThat(HostileCorpus.all()).hasSizeGreaterThanOrEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> everyHostileRequestIsRefused() {
        return HostileCorpus.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<String> before = sim.leftovers();
            int commands = sim.log().size();
            JsonNode reply = Wire.MAPPER.readTree(service.handle(new Peer("agent", "agent"), c.body()));
            assertThat(reply.get("ok").asBoolean()).as(c.name()).isFalse();
            assertThat(reply.at("/error/code").asText()).as(c.name() + ": " + reply).isEqualTo(c.code());
            assertThat(reply.at("/error/message").asText()).isNotBlank();
            assertThat(sim.leftovers()).isEqualTo(before);
            assertThat(sim.violations()).isEmpty();
            if (!Set.of("not_ours", "conflict").contains(c.code())) {
                assertThat(sim.log()).as("validation failures run no command").hasSize(commands);
            }
            assertThat(audit.getLast()).contains("result=" + c.code());
        }));
    }
}
