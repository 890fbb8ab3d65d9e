package org.apiary.compute;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apiary.compute.domain.FlavorSnapshot;
import org.apiary.compute.domain.InstanceFault;
import org.apiary.compute.domain.RequestSpec;
import org.apiary.compute.domain.Server;
import org.apiary.compute.domain.Vif;
import org.apiary.compute.domain.external.ImageApi;
import org.apiary.compute.domain.external.NetworkApi;
import org.apiary.compute.domain.external.PlacementApi;
import org.apiary.compute.store.sql.SqlActionStore;
import org.apiary.compute.store.sql.SqlServerStore;

/**
 * Servers written straight into the store in chosen states, so the HTTP tests of views,
 * metadata, tags and instance actions need neither hosts nor the other services. The externals
 * of such a cloud refuse every call: a test that reached Placement, Neutron, Glance or an agent
 * would fail loudly instead of passing on made-up answers.
 */
final class ServerFixtures {
    private ServerFixtures() {}

    static final FlavorSnapshot FLAVOR = new FlavorSnapshot("42", "m1.test", 2, 1024, 10, 1, 0, 1.0, true, null,
            Map.of("hw:cpu_policy", "shared"));
    static final String IMAGE = "70a599e0-31e7-49b7-b260-868f441e862b";

    static ComputeExternals unavailableExternals() {
        return new ComputeExternals(unavailable(PlacementApi.class), unavailable(NetworkApi.class),
                unavailable(ImageApi.class), host -> {
                    throw new UnsupportedOperationException("no compute agent in this test cloud");
                });
    }

    private static <T> T unavailable(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (m.getName().equals("toString")) {
                return "unavailable " + type.getSimpleName();
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName()
                    + " is not part of this test cloud");
        }));
    }

    /** An ACTIVE server on host1 with one port, metadata and a tag. */
    static Server active(String projectId, String userId, String name) {
        return new Server(UUID.randomUUID().toString(), projectId, userId, name, name, "desc of " + name, IMAGE,
                FLAVOR, null, null, "key1", "ssh-ed25519 AAAA", "aGVsbG8=", false, "nova", "host1", "host1.node",
                "active", null, 1, "r-0001", 0, "203.0.113.7", null, null, null,
                new RequestSpec("list", List.of(), List.of("web"), null, null, null, Map.of(), List.of()),
                List.of(new Vif("port-1", "net-1", "private", "fa:16:3e:11:22:33", 1500,
                        List.of(new Vif.Ip("10.0.0.5", 4, "sub-1"), new Vif.Ip("fd00::5", 6, "sub-2")), true, null)),
                Map.of("role", "web"), List.of("blue"), 0, System.currentTimeMillis() - 60_000, null,
                System.currentTimeMillis() - 50_000, null, null, 0);
    }

    static Server withState(Server s, String vmState, String taskState, String lockedBy, String lockedReason) {
        return new Server(s.uuid(), s.projectId(), s.userId(), s.name(), s.hostname(), s.description(), s.imageRef(),
                s.flavor(), s.oldFlavor(), s.newFlavor(), s.keyName(), s.keyData(), s.userData(), s.configDrive(),
                s.availabilityZone(), s.host(), s.node(), vmState, taskState, s.powerState(), s.reservationId(),
                s.launchIndex(), s.accessIpV4(), s.accessIpV6(), lockedBy, lockedReason, s.requestSpec(),
                s.networkInfo(), s.metadata(), s.tags(), s.progress(), s.createdAt(), s.updatedAt(), s.launchedAt(),
                s.terminatedAt(), s.deletedAt(), s.generation());
    }

    static Server seed(ComputeCloud cloud, Server s) {
        return seed(cloud, s, null);
    }

    static Server seed(ComputeCloud cloud, Server s, String groupUuid) {
        Map<String, Integer> unlimited = Map.of("instances", -1, "cores", -1, "ram", -1);
        if (new SqlServerStore(cloud.database()).create(List.of(s), groupUuid, unlimited).isPresent()) {
            throw new IllegalStateException("seed refused");
        }
        return s;
    }

    static void fault(ComputeCloud cloud, String uuid, int code, String message, String details) {
        new SqlActionStore(cloud.database()).addFault(new InstanceFault(uuid, code, message, details, "host1",
                System.currentTimeMillis()));
    }
}
