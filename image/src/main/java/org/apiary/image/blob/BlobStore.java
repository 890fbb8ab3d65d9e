package org.apiary.image.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Where image bytes live. Data arrives into a temporary, fsynced file ({@link Pending}); only
 * when the caller is satisfied with it (inspection, quota) is it committed under the image id.
 */
public interface BlobStore {
    /** Final image data, or data staged for an interoperable import. */
    enum Area { IMAGES, STAGING }

    /** Sees every chunk as it streams in (the format inspector). */
    @FunctionalInterface
    interface ChunkObserver {
        void chunk(byte[] buf, int off, int len);
    }

    /**
     * Streams {@code data} into a temporary file, fsyncs it and returns it uncommitted. Past
     * {@code maxBytes} it stops reading, removes the file and throws {@link TooLargeException}; any
     * other failure (the client went away) also removes the file.
     *
     * @param digest compute md5 and sha512 while streaming (in parallel threads)
     */
    Pending receive(InputStream data, long maxBytes, ChunkObserver observer, boolean digest) throws IOException;

    /** Opens stored data for reading, if present. */
    Optional<Blob> open(Area area, String id) throws IOException;

    /** Removes stored data; false when there was none. */
    boolean delete(Area area, String id) throws IOException;

    /** Stable identifier of this store in the API ("stores" on images, /v2/info/stores). */
    String id();

    /** Where the data lives, for /v2/info/stores/detail. */
    String location();

    /** A received, fsynced, not yet committed file. Closing it without commit removes it. */
    interface Pending extends AutoCloseable {
        long size();

        /** Hex md5, or null when not digested. */
        String md5();

        /** Hex sha512, or null when not digested. */
        String sha512();

        /** Atomically moves the data to its place under {@code id} and makes the rename durable. */
        void commit(Area area, String id) throws IOException;

        @Override
        void close();
    }

    /** Stored data of one image. */
    interface Blob extends AutoCloseable {
        long size();

        /** Copies {@code length} bytes from {@code offset} to {@code out} in fixed-size chunks. */
        void copyTo(OutputStream out, long offset, long length) throws IOException;

        InputStream stream() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** The data went past the limit it was received with. */
    final class TooLargeException extends IOException {
        private final long limit;

        public TooLargeException(long limit) {
            super("data exceeds " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }
}
