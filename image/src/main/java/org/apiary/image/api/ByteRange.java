package org.apiary.image.api;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiary.common.error.ErrorKind;
import org.apiary.common.error.ServiceException;

/**
 * The part of an image a download asks for, read as Glance does: a single {@code Range:
 * bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}, or (kept by Glance for old clients) a
 * {@code Content-Range: bytes a-b/len} request header. Multiple ranges are a 400, anything
 * unreadable or starting past the end a 416.
 *
 * @param offset first byte sent
 * @param length bytes sent
 * @param partial whether this is a 206 with Content-Range
 */
record ByteRange(long offset, long length, boolean partial) {
    private static final Pattern RANGE = Pattern.compile("bytes *= *(\\d*) *- *(\\d*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (?:(\\d+)-(\\d+)|[*])/(?:(\\d+)|[*])");

    static ByteRange of(Optional<String> range, Optional<String> contentRange, long size) {
        if (range.isPresent()) {
            return fromRange(range.get(), size);
        }
        if (contentRange.isPresent()) {
            return fromContentRange(contentRange.get(), size);
        }
        return new ByteRange(0, size, false);
    }

    /** The Content-Range response header value. */
    String contentRange(long size) {
        return "bytes " + offset + "-" + (offset + length - 1) + "/" + size;
    }

    private static ByteRange fromRange(String header, long size) {
        if (header.contains(",")) {
            throw ServiceException.badRequest("Requests with multiple ranges are not supported in Glance. You may "
                    + "make multiple single-range requests instead.");
        }
        Matcher m = RANGE.matcher(header);
        if (!m.lookingAt() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            throw unsatisfiable("Invalid Range header.");
        }
        long start;
        Long end = null; // exclusive
        try {
            if (m.group(1).isEmpty()) {
                start = -Long.parseLong(m.group(2));
            } else {
                start = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    end = Long.parseLong(m.group(2)) + 1;
                    if (start >= end) {
                        throw unsatisfiable("Invalid Range header.");
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw unsatisfiable("Invalid Range header.");
        }
        if (start >= size) {
            throw unsatisfiable("Invalid start position in Range header. Start position MUST be in the inclusive "
                    + "range [0, " + (size - 1) + "].");
        }
        long offset = start >= 0 ? start : (-start < size ? size + start : 0);
        long stop = end != null && end < size ? end : size;
        return new ByteRange(offset, stop - offset, true);
    }

    private static ByteRange fromContentRange(String header, long size) {
        Matcher m = CONTENT_RANGE.matcher(header);
        if (!m.lookingAt() || m.group(1) == null) {
            throw unsatisfiable("Invalid Content-Range header.");
        }
        long start = Long.parseLong(m.group(1));
        long stop = Long.parseLong(m.group(2)) + 1;
        Long length = m.group(3) == null ? null : Long.parseLong(m.group(3));
        if (stop <= start || length != null && stop > length) {
            throw unsatisfiable("Invalid Content-Range header.");
        }
        if (length == null && stop > size) {
            throw unsatisfiable("Invalid stop position in Content-Range header. The stop position MUST be in the "
                    + "inclusive range [0, " + (size - 1) + "].");
        }
        if (start >= size) {
            throw unsatisfiable("Invalid start position in Content-Range header. Start position MUST be in the "
                    + "inclusive range [0, " + (size - 1) + "].");
        }
        return new ByteRange(start, Math.min(stop, size) - start, true);
    }

    private static ServiceException unsatisfiable(String message) {
        return new ServiceException(ErrorKind.RANGE_NOT_SATISFIABLE, message);
    }
}
