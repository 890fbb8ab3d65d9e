package org.apiary.image.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streaming inspection of one disk image format, after Glance's format_inspector: chunks are
 * presented in order as they arrive, the inspector keeps only the regions it declared, and
 * answers whether the data is in its format, the virtual size, and whether it is safe to hand
 * to a hypervisor. Subclasses declare regions and may add more once earlier ones are read.
 */
public abstract class FormatInspector {
    private final Map<String, CaptureRegion> regions = new LinkedHashMap<>();
    private long position;

    /** The disk_format name this inspector recognises. */
    public abstract String name();

    /** Presents the next chunk of the image. Throws {@link FormatError} when the structure is invalid. */
    public final void eat(byte[] buf, int off, int len) {
        long start = position;
        position += len;
        for (CaptureRegion r : regions.values()) {
            r.capture(buf, off, len, start);
        }
        // Regions added now may begin inside this very chunk, and completing them may add more.
        int known = regions.size();
        postProcess();
        while (regions.size() > known) {
            List<CaptureRegion> added = new ArrayList<>(regions.values()).subList(known, regions.size());
            known = regions.size();
            for (CaptureRegion r : added) {
                r.capture(buf, off, len, start);
            }
            postProcess();
        }
    }

    /** Called after every chunk; may add regions whose place the captured data reveals. */
    protected void postProcess() {}

    protected final void addRegion(String name, long offset, int length) {
        if (regions.containsKey(name)) {
            throw new IllegalStateException("region " + name + " added twice");
        }
        regions.put(name, new CaptureRegion(offset, length));
    }

    protected final boolean hasRegion(String name) {
        return regions.containsKey(name);
    }

    protected final CaptureRegion region(String name) {
        return regions.get(name);
    }

    /** Bytes presented so far. */
    public final long position() {
        return position;
    }

    /** True once enough data was seen to tell whether the data is in this format. */
    public boolean matchDecided() {
        return region("header").complete();
    }

    /** True when the data carries this format's signature. */
    public abstract boolean formatMatch();

    /** True when every region this format needs has been read. */
    public boolean complete() {
        return regions.values().stream().allMatch(CaptureRegion::complete);
    }

    /** Size of the disk the guest sees, in bytes; 0 when unknown. */
    public abstract long virtualSize();

    /** Why the image must not be used, or null when it is safe. Meaningful once complete. */
    public String safetyProblem() {
        return null;
    }
}
