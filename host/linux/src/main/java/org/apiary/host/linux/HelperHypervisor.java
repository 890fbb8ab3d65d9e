package org.apiary.host.linux;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiary.host.spi.ConfigDriveBuilder;
import org.apiary.host.spi.GuestDefinition;
import org.apiary.host.spi.GuestInfo;
import org.apiary.host.spi.HostResources;
import org.apiary.host.spi.Hypervisor;
import org.apiary.host.spi.ImageSource;
import org.apiary.host.spi.SerialConsole;
import org.apiary.host.spi.SnapshotFile;
import org.apiary.privhelper.client.PrivilegedHelper;

/**
 * A driver whose guests are the privileged helper's children (QEMU on Linux, bhyve on FreeBSD): every
 * guest operation goes to the shared {@link HelperGuests} supervisor with the driver's
 * {@link GuestPlatform}; subclasses add only what is theirs (type, version, traits).
 */
public abstract class HelperHypervisor implements Hypervisor {
    protected final HelperGuests guests;

    protected HelperHypervisor(PrivilegedHelper helper, ImageSource images, ConfigDriveBuilder configDrives,
            QemuSettings settings, GuestPlatform platform) {
        this.guests = new HelperGuests(helper, images, configDrives, settings, platform);
    }

    @Override
    public HostResources resources() {
        return guests.resources();
    }

    @Override
    public GuestInfo spawn(GuestDefinition def) {
        return guests.spawn(def);
    }

    @Override
    public GuestInfo reboot(String uuid, boolean hard) {
        return guests.reboot(uuid, hard);
    }

    @Override
    public GuestInfo powerOff(String uuid, Duration cleanTimeout) {
        return guests.powerOff(uuid, cleanTimeout);
    }

    @Override
    public GuestInfo powerOn(String uuid) {
        return guests.powerOn(uuid);
    }

    @Override
    public GuestInfo resize(GuestDefinition def) {
        return guests.resize(def);
    }

    @Override
    public GuestInfo rebuild(GuestDefinition def) {
        return guests.rebuild(def);
    }

    @Override
    public boolean destroy(String uuid) {
        return guests.destroy(uuid);
    }

    @Override
    public Optional<GuestInfo> status(String uuid) {
        return guests.status(uuid);
    }

    @Override
    public List<GuestInfo> list() {
        return guests.list();
    }

    @Override
    public String consoleOutput(String uuid) {
        return guests.consoleOutput(uuid);
    }

    @Override
    public boolean offersSerialConsoles() {
        return true;
    }

    @Override
    public Optional<SerialConsole> serialConsole(String uuid) {
        return guests.serialConsole(uuid);
    }

    @Override
    public SnapshotFile snapshot(String uuid, String imageId) {
        return guests.snapshot(uuid, imageId);
    }

    @Override
    public void removeSnapshot(SnapshotFile file) {
        guests.removeSnapshot(file);
    }

    /** Stops the background pass; guests keep running (they are the helper's children, not ours). */
    @Override
    public void close() {
        guests.close();
    }
}
