package org.apiary.server.compute;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.ImageSource;
import org.apiary.image.ImageModule;
import org.apiary.image.domain.Image;
import org.apiary.image.domain.ImageDataService;
import org.apiary.image.domain.Viewer;

/**
 * The image cache of a host that runs in the same process as the image service (the all-in-one):
 * an image missing from {@code <cache>/<id>.<format>} is copied there from Glance's store once,
 * checked against its sha512 ({@code os_hash_value}) and renamed into place, so a half-written
 * copy is never used. Snapshots ({@link #upload}) go the other way, into the image service's store.
 */
public final class LocalImageCache implements ImageSource {
    private static final Viewer SERVICE = new Viewer(null, true);

    private final ImageModule images;
    private final Path dir;

    public LocalImageCache(ImageModule images, Path dir) {
        this.images = images;
        this.dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public synchronized CachedImage fetch(String imageId) {
        Image image;
        try {
            image = images.images().get(SERVICE, imageId);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("image " + imageId + " is not in the image service", e);
        }
        String format = image.diskFormat() == null ? "" : image.diskFormat().toLowerCase(Locale.ROOT);
        if (!format.equals("raw") && !format.equals("qcow2")) {
            throw new IllegalArgumentException("image " + imageId + " has disk format '" + format
                    + "'; this host boots raw and qcow2 images");
        }
        Path target = dir.resolve(imageId + "." + format);
        if (Files.isRegularFile(target)) {
            return new CachedImage(target, format);
        }
        try {
            Files.createDirectories(dir);
            Path part = dir.resolve(imageId + "." + format + ".part");
            String sha512 = copy(image, part);
            if (image.osHashValue() != null && !image.osHashValue().equalsIgnoreCase(sha512)) {
                Files.deleteIfExists(part);
                throw new IllegalStateException("image " + imageId + " read back with sha512 " + sha512
                        + ", not the " + image.osHashValue() + " the image service recorded");
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            return new CachedImage(target, format);
        } catch (IOException e) {
            throw new UncheckedIOException("caching image " + imageId + " in " + dir, e);
        }
    }

    /**
     * A host's snapshot into its queued image, through the same upload path as PUT /file (checksums, format
     * inspection, size cap, the owner's quota); the file is streamed, never held in memory. Not synchronized
     * with {@link #fetch}: a multi-GB upload must not hold up boots.
     */
    @Override
    public void upload(String imageId, Path file) {
        Image image;
        try {
            image = images.images().get(SERVICE, imageId);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("snapshot image " + imageId + " is not in the image service", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            images.imageData().upload(image, in, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("uploading snapshot " + imageId + " from " + file, e);
        }
    }

    private String copy(Image image, Path part) throws IOException {
        Optional<ImageDataService.Download> download = images.imageData().download(image, true);
        if (download.isEmpty()) {
            throw new IllegalArgumentException("image " + image.id() + " has no data");
        }
        MessageDigest sha512;
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (var blob = download.get().blob(); InputStream in = blob.stream();
             OutputStream out = Files.newOutputStream(part)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha512.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha512.digest());
    }
}
