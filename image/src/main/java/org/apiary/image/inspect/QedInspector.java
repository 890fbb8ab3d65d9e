package org.apiary.image.inspect;

/** QEMU QED: recognised only to refuse it, as Glance does; no service supports it. */
final class QedInspector extends FormatInspector {
    QedInspector() {
        addRegion("header", 0, 512);
    }

    @Override
    public String name() {
        return "qed";
    }

    @Override
    public boolean formatMatch() {
        return matchDecided() && Bytes.startsWith(region("header").data(), 0, "QED\0");
    }

    @Override
    public long virtualSize() {
        return 0;
    }

    @Override
    public String safetyProblem() {
        return formatMatch() ? "QED images are not supported" : null;
    }
}
