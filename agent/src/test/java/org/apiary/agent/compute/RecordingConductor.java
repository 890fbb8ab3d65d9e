package org.apiary.agent.compute;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apiary.compute.rpc.AssignedGuest;
import org.apiary.compute.rpc.ConductorRpc;
import org.apiary.compute.rpc.ConsoleTarget;
import org.apiary.compute.rpc.GuestPort;
import org.apiary.compute.rpc.GuestSpec;
import org.apiary.compute.rpc.GuestStatus;
import org.apiary.compute.rpc.HostReport;
import org.apiary.compute.rpc.SnapshotProgress;

/** The conductor side of the contract for agent tests: assignments the test sets, and everything it was told. */
final class RecordingConductor implements ConductorRpc {
    static final String HOST = "host-c";

    final String nodeUuid = UUID.randomUUID().toString();
    final List<HostReport> reports = new CopyOnWriteArrayList<>();
    final List<GuestStatus> changes = new CopyOnWriteArrayList<>();
    final List<String> assignmentQueries = new CopyOnWriteArrayList<>();
    volatile List<AssignedGuest> assigned = List.of();
    final List<SnapshotProgress> snapshotReports = new CopyOnWriteArrayList<>();
    /** What snapshotProgress answers: false tells the agent the snapshot is no longer wanted. */
    volatile boolean snapshotWanted = true;

    @Override
    public String reportHost(HostReport report) {
        reports.add(report);
        return nodeUuid;
    }

    @Override
    public List<AssignedGuest> assignedGuests(String host) {
        assignmentQueries.add(host);
        return host.equals(HOST) ? assigned : List.of();
    }

    @Override
    public void guestChanged(String host, GuestStatus status) {
        if (host.equals(HOST)) {
            changes.add(status);
        }
    }

    @Override
    public boolean snapshotProgress(String host, SnapshotProgress progress) {
        if (host.equals(HOST)) {
            snapshotReports.add(progress);
        }
        return snapshotWanted;
    }

    @Override
    public void registerConsoleProxy(String host, String baseUrl) {
        throw new UnsupportedOperationException("no console proxy in compute agent tests");
    }

    @Override
    public ConsoleTarget validateConsoleToken(String token) {
        throw new UnsupportedOperationException("no console proxy in compute agent tests");
    }

    static GuestSpec spec(String uuid, int vcpus, int memoryMb, int rootGb, String imageId) {
        return new GuestSpec(uuid, "vm-" + uuid.substring(0, 4), "vm-" + uuid.substring(0, 4), "project-1", "user-1",
                vcpus, memoryMb, rootGb, 0, 0, imageId, Map.of("hw_machine_type", "q35"),
                List.of(new GuestPort("port-" + uuid.substring(0, 4), "net-1", "fa:16:3e:00:00:" + uuid.substring(0, 2),
                        1450, List.of("10.0.0.7"))),
                "key-1", "ssh-ed25519 AAAAC3Nz test", null, Map.of("role", "test"), true, "nova", 0);
    }
}
