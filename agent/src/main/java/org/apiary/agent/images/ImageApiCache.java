package org.apiary.agent.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apiary.host.spi.CachedImage;
import org.apiary.host.spi.ImageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image cache of a compute host that reaches the image service over HTTP (an agent on another host): an
 * image missing from {@code <cache>/<id>.<format>} is streamed from the Image API with the service user's
 * token into {@code <id>.<format>.part}, its sha512 ({@code os_hash_value}; the md5 {@code checksum} when the
 * image has no os_hash) and size checked on the fly, then renamed into place; a failed or refused download
 * leaves nothing behind. One download per image at a time: concurrent spawns of one image wait for it.
 * Snapshots go the other way with {@link #upload}.
 */
public final class ImageApiCache implements ImageSource {
    private static final Logger LOG = LoggerFactory.getLogger(ImageApiCache.class);
    private static final Pattern IMAGE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> FORMATS = List.of("qcow2", "raw");

    private final Path dir;
    private final ServiceSession session;
    private final ImageApiClient api;
    private final ConcurrentHashMap<String, ReentrantLock> downloading = new ConcurrentHashMap<>();
    private final AtomicInteger downloads = new AtomicInteger();

    /** @param dir the image cache, under the helper's disk root ([compute] image_cache_dir) */
    public ImageApiCache(ImageServiceSettings settings, Path dir) {
        this(settings, dir, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build(), Clock.systemUTC());
    }

    public ImageApiCache(ImageServiceSettings settings, Path dir, HttpClient http, Clock clock) {
        this.dir = dir.toAbsolutePath().normalize();
        this.session = new ServiceSession(settings, http, clock);
        this.api = new ImageApiClient(session, http);
    }

    public Path dir() {
        return dir;
    }

    /** The service user's session (tests and logs read its authentication count). */
    public ServiceSession session() {
        return session;
    }

    /** Images downloaded since start (cache hits do not count). */
    public int downloads() {
        return downloads.get();
    }

    @Override
    public CachedImage fetch(String imageId) {
        requireImageId(imageId);
        CachedImage cached = cached(imageId);
        if (cached != null) {
            return cached;
        }
        ReentrantLock lock = downloading.computeIfAbsent(imageId, k -> new ReentrantLock());
        lock.lock();
        try {
            cached = cached(imageId); // another spawn may have fetched it while this one waited
            return cached != null ? cached : download(imageId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void upload(String imageId, Path file) {
        requireImageId(imageId);
        long t0 = System.nanoTime();
        api.upload(imageId, file);
        LOG.info("uploaded {} to image {} in {} ms", file, imageId, (System.nanoTime() - t0) / 1_000_000);
    }

    private CachedImage cached(String imageId) {
        for (String format : FORMATS) {
            Path p = dir.resolve(imageId + "." + format);
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                return new CachedImage(p, format);
            }
        }
        return null;
    }

    private CachedImage download(String imageId) {
        JsonNode image = api.show(imageId);
        String status = image.path("status").asText("");
        if (!status.equals("active")) {
            throw new IllegalArgumentException("image " + imageId + " is " + status + ", not active; it has no "
                    + "data to boot from");
        }
        String format = image.path("disk_format").asText("").toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new IllegalArgumentException("image " + imageId + " has disk format '" + format
                    + "'; this host boots raw and qcow2 images");
        }
        Expected expected = Expected.of(image);
        Path target = dir.resolve(imageId + "." + format);
        Path part = dir.resolve(imageId + "." + format + ".part");
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            long size = copy(imageId, part, expected);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            downloads.incrementAndGet();
            LOG.info("image {} ({}, {} bytes) downloaded to {} in {} ms, {} verified", imageId, format, size, target,
                    (System.nanoTime() - t0) / 1_000_000, expected.algorithm);
            return new CachedImage(target, format);
        } catch (IOException e) {
            deleteQuietly(part);
            throw new UncheckedIOException("caching image " + imageId + " in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /** Streams the data into {@code part}, hashing as it goes; refuses data that does not match the record. */
    private long copy(String imageId, Path part, Expected expected) throws IOException {
        MessageDigest digest = expected.digest();
        long size = 0;
        try (InputStream in = api.download(imageId); OutputStream out = Files.newOutputStream(part)) {
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
                out.write(buf, 0, n);
                size += n;
            }
        }
        String got = HexFormat.of().formatHex(digest.digest());
        if (!got.equalsIgnoreCase(expected.value)) {
            throw new IllegalStateException("image " + imageId + " arrived with " + expected.algorithm + " " + got
                    + ", not the " + expected.value + " the image service recorded; the download is discarded");
        }
        if (expected.size >= 0 && size != expected.size) {
            throw new IllegalStateException("image " + imageId + " arrived with " + size + " bytes, not the "
                    + expected.size + " the image service recorded; the download is discarded");
        }
        return size;
    }

    /** What the data must hash to: os_hash_algo/os_hash_value (multihash), else the legacy md5 checksum. */
    private record Expected(String algorithm, String value, long size) {
        static Expected of(JsonNode image) {
            String id = image.path("id").asText();
            long size = image.path("size").canConvertToLong() ? image.path("size").asLong() : -1;
            String algo = image.path("os_hash_algo").asText("");
            String value = image.path("os_hash_value").asText("");
            if (!algo.isEmpty() && !value.isEmpty()) {
                return new Expected(algo.toLowerCase(Locale.ROOT), value, size);
            }
            String md5 = image.path("checksum").asText("");
            if (!md5.isEmpty()) {
                return new Expected("md5", md5, size);
            }
            throw new IllegalStateException("image " + id + " has neither os_hash_value nor checksum; its data "
                    + "cannot be verified, so this host does not boot it");
        }

        /** Glance names hashlib algorithms (sha512, sha256, md5); Java spells them SHA-512, SHA-256, MD5. */
        MessageDigest digest() {
            String java = switch (algorithm) {
                case "md5" -> "MD5";
                case "sha1" -> "SHA-1";
                case "sha224", "sha256", "sha384", "sha512" -> "SHA-" + algorithm.substring(3);
                case "sha3_256", "sha3_384", "sha3_512" -> "SHA3-" + algorithm.substring(5);
                default -> throw new IllegalStateException("os_hash_algo '" + algorithm + "' is not one this host "
                        + "can verify");
            };
            try {
                return MessageDigest.getInstance(java);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void requireImageId(String imageId) {
        if (imageId == null || !IMAGE_ID.matcher(imageId).matches()) {
            throw new IllegalArgumentException("'" + imageId + "' is not an image id (a lower-case UUID)");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot remove the partial download {}: {}", p, e.getMessage());
        }
    }
}
