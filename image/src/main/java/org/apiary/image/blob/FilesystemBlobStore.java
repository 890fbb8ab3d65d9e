package org.apiary.image.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image data as files: {@code <root>/<image id>} for images, {@code <root>/.staging/<id>} for
 * staged imports, {@code <root>/.tmp/} for data still arriving. A file reaches its final name
 * only by an atomic rename after fsync, and the directory is fsynced after the rename, so a
 * crash leaves either the whole image or nothing but a temporary file (removed at start-up).
 */
public final class FilesystemBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(FilesystemBlobStore.class);
    private static final Pattern SAFE_ID = Pattern.compile("[0-9a-fA-F-]{1,64}");

    private final Path root;
    private final Path staging;
    private final Path tmp;

    public FilesystemBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        this.staging = this.root.resolve(".staging");
        this.tmp = this.root.resolve(".tmp");
        Files.createDirectories(staging);
        Files.createDirectories(tmp);
    }

    @Override
    public String id() {
        return "file";
    }

    @Override
    public String location() {
        return root + "/";
    }

    /** Removes temporary files left by uploads that died with the process; returns how many. */
    public int removeTemporaryFiles() throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                n++;
            }
        }
        return n;
    }

    @Override
    public Pending receive(InputStream data, long maxBytes, ChunkObserver observer, boolean digest) throws IOException {
        Path file = tmp.resolve(UUID.randomUUID() + ".part");
        boolean done = false;
        try {
            Received r = OffCarrier.run("image-receive", () -> write(file, data, maxBytes, observer, digest));
            done = true;
            return new FilePending(file, r.size, r.md5, r.sha512);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the server library reports a lost client this way
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    private record Received(long size, String md5, String sha512) {}

    private static Received write(Path file, InputStream data, long maxBytes, ChunkObserver observer, boolean digest)
            throws IOException {
        // A FileChannel writes heap arrays through a cached direct buffer; FileOutputStream would
        // malloc and free a native buffer for every 1 MiB write.
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             Flusher flusher = new Flusher(out)) {
            Received r = digest ? copyDigesting(data, out, maxBytes, observer, flusher)
                    : copyPlain(data, out, maxBytes, observer, flusher);
            out.force(true);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while receiving image data", e);
        }
    }

    private static Received copyDigesting(InputStream in, FileChannel out, long max, ChunkObserver observer,
                                          Flusher flusher) throws IOException, InterruptedException {
        long total = 0;
        try (ParallelDigests digests = new ParallelDigests()) {
            while (true) {
                byte[] buf = digests.borrow();
                int n = fill(in, buf);
                if (n <= 0) {
                    digests.giveBack(buf);
                    break;
                }
                total += n;
                if (total > max) {
                    throw new TooLargeException(max);
                }
                writeFully(out, buf, n);
                flusher.written(total);
                observer.chunk(buf, 0, n);
                digests.submit(buf, n);
            }
            String[] hex = digests.finish();
            return new Received(total, hex[0], hex[1]);
        }
    }

    private static Received copyPlain(InputStream in, FileChannel out, long max, ChunkObserver observer,
                                      Flusher flusher) throws IOException {
        byte[] buf = new byte[ParallelDigests.BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = fill(in, buf)) > 0) {
            total += n;
            if (total > max) {
                throw new TooLargeException(max);
            }
            writeFully(out, buf, n);
            flusher.written(total);
            observer.chunk(buf, 0, n);
        }
        return new Received(total, null, null);
    }

    private static void writeFully(FileChannel out, byte[] buf, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Reads until the buffer is full or the stream ends; returns the count, -1 at once at the end. */
    private static int fill(InputStream in, byte[] buf) throws IOException {
        int off = 0;
        while (off < buf.length) {
            int n = in.read(buf, off, buf.length - off);
            if (n < 0) {
                return off == 0 ? -1 : off;
            }
            off += n;
        }
        return off;
    }

    private final class FilePending implements Pending {
        private final Path file;
        private final long size;
        private final String md5;
        private final String sha512;
        private boolean committed;

        FilePending(Path file, long size, String md5, String sha512) {
            this.file = file;
            this.size = size;
            this.md5 = md5;
            this.sha512 = sha512;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public String md5() {
            return md5;
        }

        @Override
        public String sha512() {
            return sha512;
        }

        @Override
        public void commit(Area area, String id) throws IOException {
            Path target = path(area, id);
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
            syncDirectory(target.getParent());
        }

        @Override
        public void close() {
            if (!committed) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("could not remove {}: {}", file, e.toString());
                }
            }
        }
    }

    @Override
    public Optional<Blob> open(Area area, String id) throws IOException {
        try {
            FileChannel ch = FileChannel.open(path(area, id), StandardOpenOption.READ);
            return Optional.of(new FileBlob(ch));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean delete(Area area, String id) throws IOException {
        Path p = path(area, id);
        boolean existed = Files.deleteIfExists(p);
        if (existed) {
            syncDirectory(p.getParent());
        }
        return existed;
    }

    private Path path(Area area, String id) {
        if (!SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an image id: " + id);
        }
        return (area == Area.IMAGES ? root : staging).resolve(id);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private record FileBlob(FileChannel channel) implements Blob {
        @Override
        public long size() {
            try {
                return channel.size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void copyTo(OutputStream out, long offset, long length) throws IOException {
            OffCarrier.run("image-send", () -> send(out, offset, length));
        }

        private Void send(OutputStream out, long offset, long length) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(ParallelDigests.BUFFER_SIZE);
            long pos = offset;
            long end = offset + length;
            while (pos < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                int n = channel.read(buf, pos);
                if (n < 0) {
                    throw new IOException("image data ended early at byte " + pos);
                }
                out.write(buf.array(), 0, n);
                pos += n;
            }
            return null;
        }

        @Override
        public InputStream stream() {
            return Channels.newInputStream(channel);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
