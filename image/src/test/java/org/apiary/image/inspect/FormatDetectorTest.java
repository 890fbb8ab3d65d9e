package org.apiary.image.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apiary.image.TestImages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inspector over crafted images, fed in chunks of every awkward size (1 byte, a prime,
 * sizes that split headers, random) so that region capture across chunk boundaries is covered.
 */
class FormatDetectorTest {
    private static final long GIB = 1L << 30;

    static Inspection inspect(byte[] data, int chunk) {
        FormatDetector d = new FormatDetector();
        Random r = new Random(chunk);
        int off = 0;
        while (off < data.length) {
            int n = chunk > 0 ? Math.min(chunk, data.length - off) : Math.min(1 + r.nextInt(70000), data.length - off);
            d.feed(data, off, n);
            off += n;
        }
        return d.result();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 511, 4096, 65536, 1 << 20, 0})
    void qcow2(int chunk) {
        Inspection i = inspect(TestImages.qcow2(GIB, null, 0, 200_000), chunk);
        assertThat(i).isEqualTo(new Inspection("qcow2", GIB, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 65536})
    void qcow2WithBackingFileIsUnsafe(int chunk) {
        Inspection i = inspect(TestImages.qcow2(GIB, "/etc/passwd", 0, 4096), chunk);
        assertThat(i.format()).isEqualTo("qcow2");
        assertThat(i.problem()).isEqualTo("qcow2 image has a backing file");
    }

    @ParameterizedTest
    @ValueSource(longs = {1L << 2, 1L << 4, 1L << 40})
    void qcow2WithDataFileOrUnknownFeaturesIsUnsafe(long features) {
        Inspection i = inspect(TestImages.qcow2(GIB, null, features, 4096), 512);
        assertThat(i.problem()).contains(features == 4 ? "external data file" : "unknown incompatible features");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 1 | 2 | 8})
    void qcow2KnownFeaturesAreFine(long features) {
        assertThat(inspect(TestImages.qcow2(GIB, null, features, 4096), 512).problem()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 512, 0})
    void vmdkMonolithicSparse(int chunk) {
        byte[] img = TestImages.vmdk(2048, TestImages.vmdkDescriptor("monolithicSparse",
                "RW 2048 SPARSE \"disk.vmdk\""), 64 * 1024);
        assertThat(inspect(img, chunk)).isEqualTo(new Inspection("vmdk", 2048 * 512, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RW 2048 SPARSE \"/etc/shadow\"", "RW 2048 FLAT \"../other/disk.vmdk\" 0"})
    void vmdkExtentOutsideTheFileIsUnsafe(String extent) {
        byte[] img = TestImages.vmdk(2048, TestImages.vmdkDescriptor("monolithicSparse", extent), 64 * 1024);
        assertThat(inspect(img, 4096).problem()).startsWith("VMDK extent refers to a file outside the image");
    }

    @ParameterizedTest
    @ValueSource(strings = {"twoGbMaxExtentSparse", "monolithicFlat", "vmfs"})
    void vmdkOfMultiFileTypesIsUnsafe(String type) {
        byte[] img = TestImages.vmdk(2048, TestImages.vmdkDescriptor(type, "RW 2048 SPARSE \"disk-s001.vmdk\""),
                64 * 1024);
        assertThat(inspect(img, 4096).problem()).contains("create type").contains("not supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"parentFileNameHint=\"base.vmdk\"", "hello world", "RW 2048 SPARSE"})
    void vmdkDescriptorOddities(String extra) {
        String desc = TestImages.vmdkDescriptor("monolithicSparse", "RW 2048 SPARSE \"disk.vmdk\"") + extra + "\n";
        Inspection i = inspect(TestImages.vmdk(2048, desc, 64 * 1024), 4096);
        if (extra.startsWith("RW")) {
            assertThat(i.problem()).isNull(); // a second extent line without a path is allowed
        } else {
            assertThat(i.problem()).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 512, 0})
    void vhdVdiIso(int chunk) {
        assertThat(inspect(TestImages.vhd(GIB, 8192), chunk)).isEqualTo(new Inspection("vhd", GIB, null));
        assertThat(inspect(TestImages.vdi(GIB, 8192), chunk)).isEqualTo(new Inspection("vdi", GIB, null));
        assertThat(inspect(TestImages.iso(100), chunk)).isEqualTo(new Inspection("iso", 100 * 2048, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 65536, 1 << 20, 0})
    void vhdx(int chunk) {
        assertThat(inspect(TestImages.vhdx(10 * GIB), chunk)).isEqualTo(new Inspection("vhdx", 10 * GIB, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4096})
    void qedIsAlwaysRefused(int chunk) {
        assertThat(inspect(TestImages.qed(4096), chunk).problem()).isEqualTo("QED images are not supported");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 65536, 0})
    void randomBytesAreRaw(int chunk) {
        byte[] data = TestImages.random(300_000, 42);
        assertThat(inspect(data, chunk)).isEqualTo(new Inspection("raw", 300_000, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64})
    void aSignatureWithoutItsHeaderIsRawData(int chunk) {
        byte[] tiny = java.util.Arrays.copyOf(TestImages.qcow2(GIB, null, 0, 4096), 100);
        assertThat(inspect(tiny, chunk)).isEqualTo(new Inspection("raw", 100, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4096})
    void malformedHeadersAreReported(int chunk) {
        byte[] badVersion = TestImages.qcow2(GIB, null, 0, 4096);
        badVersion[7] = 9;
        assertThat(inspect(badVersion, chunk).problem()).isEqualTo("Unsupported qcow2 version 9");
        byte[] footer = TestImages.vmdk(2048, TestImages.vmdkDescriptor("streamOptimized", "RW 2048 SPARSE \"d\""),
                8192);
        java.nio.ByteBuffer.wrap(footer).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(56, -1L);
        assertThat(inspect(footer, chunk).problem()).isEqualTo("Unsupported VMDK footer");
    }

    @org.junit.jupiter.api.Test
    void decisionComesEarlyForRawData() {
        FormatDetector d = new FormatDetector();
        byte[] data = TestImages.random(64 * 1024, 1);
        d.feed(data, 0, data.length);
        assertThat(d.decided()).as("every signature is ruled out after 34 KiB").isTrue();
    }

    @org.junit.jupiter.api.Test
    void verdicts() {
        Inspection raw = new Inspection("raw", 10, null);
        Inspection qcow = new Inspection("qcow2", 1 << 20, null);
        Inspection unsafe = new Inspection("qcow2", 1 << 20, "qcow2 image has a backing file");
        assertThat(FormatVerdict.refusal("raw", "bare", raw, true)).isNull();
        assertThat(FormatVerdict.refusal("qcow2", "bare", qcow, true)).isNull();
        assertThat(FormatVerdict.refusal("raw", "bare", qcow, true)).contains("the content is a qcow2 image");
        assertThat(FormatVerdict.refusal("qcow2", "bare", raw, true)).contains("the content is raw data");
        assertThat(FormatVerdict.refusal("qcow2", "bare", raw, false)).isNull();
        assertThat(FormatVerdict.refusal("vhd", "ova", raw, true)).as("containers wrap the disk").isNull();
        assertThat(FormatVerdict.refusal("aki", "bare", raw, true)).isNull();
        assertThat(FormatVerdict.refusal("ami", "bare", qcow, true)).isNotNull();
        assertThat(FormatVerdict.refusal("qcow2", "ova", unsafe, false)).contains("backing file");
        assertThat(FormatVerdict.virtualSize("raw", raw, 10)).isEqualTo(10L);
        assertThat(FormatVerdict.virtualSize("qcow2", qcow, 500)).isEqualTo(1L << 20);
        assertThat(FormatVerdict.virtualSize("ami", raw, 10)).isNull();
        assertThat(FormatVerdict.virtualSize("vhd", raw, 10)).isNull();
    }
}
