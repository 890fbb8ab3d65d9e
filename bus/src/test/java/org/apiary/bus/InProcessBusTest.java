package org.apiary.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InProcessBusTest extends BusContractTest {
    @Override
    Bus[] open() {
        InProcessBus bus = new InProcessBus();
        return new Bus[] {bus, bus};
    }

    @Test
    void handlersRunOnBusThreadsAndAClosedBusRefuses() {
        List<String> threads = new CopyOnWriteArrayList<>();
        server.serve(topic, body -> {
            threads.add(Thread.currentThread().getName());
            return body;
        });
        client.call(topic, "{}".getBytes(), java.time.Duration.ofSeconds(5));
        assertThat(threads).singleElement().asString().startsWith("bus-");
        client.close();
        assertThatThrownBy(() -> client.cast(topic, "{}".getBytes())).isInstanceOf(BusException.class);
    }
}
