package org.apiary.server.compute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apiary.common.config.Config;
import org.apiary.image.ImageModule;
import org.apiary.image.ImageOptions;
import org.apiary.network.NetworkModule;
import org.apiary.network.rpc.NetworkChange;
import org.apiary.placement.PlacementModule;
import org.apiary.store.Database;
import org.apiary.store.testing.TestDatabases;

/**
 * The real Placement, Neutron and Glance modules over one fresh, migrated database (a temporary
 * SQLite file, or a new PostgreSQL database with {@code -Dapiary.test.postgres}), as the
 * all-in-one builds them, without HTTP. Every NetworkChange the network module publishes is kept.
 */
final class Services implements AutoCloseable {
    final Path dir;
    final Database db;
    final PlacementModule placement;
    final NetworkModule network;
    final ImageModule image;
    final List<NetworkChange> changes = new CopyOnWriteArrayList<>();
    private final String connection;

    Services() throws IOException {
        dir = Files.createTempDirectory("apiary-bridges-test");
        Config config = Config.empty().with(ImageOptions.DATA_DIR, dir.resolve("images").toString());
        connection = TestDatabases.fresh();
        db = Database.open(connection != null ? connection : "sqlite:///" + dir.resolve("test.db"), 4, 10000);
        db.migrate("placement");
        db.migrate("network");
        db.migrate("image");
        placement = new PlacementModule(config, db);
        network = new NetworkModule(config, db, changes::add);
        image = new ImageModule(config, db);
    }

    @Override
    public void close() throws IOException {
        image.close();
        db.close();
        TestDatabases.dropIfCreated(connection);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
