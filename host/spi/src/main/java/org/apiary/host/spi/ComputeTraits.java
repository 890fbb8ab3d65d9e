package org.apiary.host.spi;

/**
 * The standard Placement traits (os-traits names) drivers may claim in {@link Hypervisor#capabilities()}.
 * Only names that exist in Placement's standard trait list belong here; add one when a driver implements
 * what it stands for.
 */
public final class ComputeTraits {
    private ComputeTraits() {}

    /** The driver boots guests from raw images. */
    public static final String IMAGE_TYPE_RAW = "COMPUTE_IMAGE_TYPE_RAW";
    /** The driver boots guests from qcow2 images. */
    public static final String IMAGE_TYPE_QCOW2 = "COMPUTE_IMAGE_TYPE_QCOW2";
}
