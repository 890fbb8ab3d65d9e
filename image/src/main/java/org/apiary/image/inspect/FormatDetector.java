package org.apiary.image.inspect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs every inspector over the stream at once, as Glance's detect_file_format does, and
 * drops each as soon as its signature fails to match. The first complete match wins; data
 * that carries a signature but does not parse is reported as that format with the reason.
 * Once the answer is known it stops looking at chunks, so inspection costs nothing after the
 * first tens of kilobytes of a raw image.
 */
public final class FormatDetector {
    private final List<FormatInspector> candidates = new ArrayList<>(List.of(new QcowInspector(), new QedInspector(),
            new VhdInspector(), new VhdxInspector(), new VmdkInspector(), new VdiInspector(), new IsoInspector()));
    private FormatInspector detected;
    private Inspection invalid;
    private long total;

    public void feed(byte[] buf, int off, int len) {
        total += len;
        if (decided()) {
            return;
        }
        for (Iterator<FormatInspector> it = candidates.iterator(); it.hasNext(); ) {
            FormatInspector fi = it.next();
            try {
                fi.eat(buf, off, len);
            } catch (FormatError e) {
                if (fi.formatMatch()) {
                    invalid = new Inspection(fi.name(), 0, e.getMessage());
                    candidates.clear();
                    return;
                }
                it.remove();
                continue;
            }
            if (fi.matchDecided() && !fi.formatMatch()) {
                it.remove();
            } else if (fi.formatMatch() && fi.complete()) {
                detected = fi;
                candidates.clear();
                return;
            }
        }
    }

    /** True when more data cannot change the format found (only a raw image's size grows). */
    public boolean decided() {
        return detected != null || invalid != null || candidates.isEmpty();
    }

    /** The answer for the data seen so far; at the end of the stream, the final answer. */
    public Inspection result() {
        if (invalid != null) {
            return invalid;
        }
        if (detected != null) {
            return new Inspection(detected.name(), detected.virtualSize(), detected.safetyProblem());
        }
        // A signature whose structure was cut short is no image qemu would open as that format.
        return new Inspection("raw", total, null);
    }
}
