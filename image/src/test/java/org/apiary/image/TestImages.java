package org.apiary.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Disk images built byte by byte from the format specifications (qcow2 from qemu's
 * docs/interop/qcow2.txt, VMDK from VMware's Virtual Disk Format 1.1, VHD/VHDX from Microsoft's,
 * VDI from qemu's block/vdi.c, ISO 9660 from ECMA-119): just enough structure for an inspector,
 * padded with data, so tests need no qemu-img.
 */
public final class TestImages {
    private TestImages() {}

    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A qcow2 version 3 header of {@code virtualSize}, with an optional backing file and feature bits. */
    public static byte[] qcow2(long virtualSize, String backingFile, long incompatibleFeatures, int totalSize) {
        ByteBuffer b = ByteBuffer.allocate(totalSize).order(ByteOrder.BIG_ENDIAN);
        b.put(new byte[] {'Q', 'F', 'I', (byte) 0xfb});
        b.putInt(3); // version
        byte[] name = backingFile == null ? new byte[0] : backingFile.getBytes(StandardCharsets.UTF_8);
        b.putLong(name.length == 0 ? 0 : 112); // backing_file_offset
        b.putInt(name.length); // backing_file_size
        b.putInt(16); // cluster_bits
        b.putLong(virtualSize);
        b.putInt(0); // crypt_method
        b.putInt(1); // l1_size
        b.putLong(3 << 16); // l1_table_offset
        b.putLong(1 << 16); // refcount_table_offset
        b.putInt(1); // refcount_table_clusters
        b.putInt(0); // nb_snapshots
        b.putLong(0); // snapshots_offset
        b.putLong(incompatibleFeatures);
        b.putLong(0); // compatible_features
        b.putLong(0); // autoclear_features
        b.putInt(4); // refcount_order
        b.putInt(104); // header_length
        if (name.length > 0) {
            b.position(112);
            b.put(name);
        }
        return b.array();
    }

    /** A monolithicSparse-style VMDK: the KDMV header and the given descriptor text at sector 1. */
    public static byte[] vmdk(long capacitySectors, String descriptor, int totalSize) {
        ByteBuffer b = ByteBuffer.allocate(totalSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put("KDMV".getBytes(StandardCharsets.US_ASCII));
        b.putInt(1); // version
        b.putInt(3); // flags
        b.putLong(capacitySectors);
        b.putLong(128); // grain size
        b.putLong(1); // descriptor offset (sectors)
        b.putLong(20); // descriptor size (sectors)
        b.putInt(512); // GTEs per GT
        b.putLong(21); // redundant grain directory
        b.putLong(25); // grain directory
        b.position(512);
        b.put(descriptor.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    public static String vmdkDescriptor(String createType, String extentLine) {
        return "# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\ncreateType=\"" + createType
                + "\"\n\n# Extent description\n" + extentLine + "\n\n# The Disk Data Base\n#DDB\n\n"
                + "ddb.virtualHWVersion = \"4\"\nddb.geometry.cylinders = \"20\"\nddb.adapterType = \"ide\"\n";
    }

    /** A dynamic VHD: its footer copy ("conectix") at the start, disk size at byte 40. */
    public static byte[] vhd(long size, int totalSize) {
        ByteBuffer b = ByteBuffer.allocate(totalSize).order(ByteOrder.BIG_ENDIAN);
        b.put("conectix".getBytes(StandardCharsets.US_ASCII));
        b.position(40);
        b.putLong(size);
        return b.array();
    }

    /** A VHDX: identifier, region table at 192 KiB, metadata region at 1 MiB with a Virtual Disk Size item. */
    public static byte[] vhdx(long size) {
        int metadata = 1 << 20;
        ByteBuffer b = ByteBuffer.allocate(metadata + 2 * 65536).order(ByteOrder.LITTLE_ENDIAN);
        b.put("vhdxfile".getBytes(StandardCharsets.US_ASCII));
        b.position(192 * 1024);
        b.putInt(0x69676572); // "regi"
        b.putInt(0); // checksum
        b.putInt(2); // entry count
        b.putInt(0);
        b.put(guid("2DC27766-F623-4200-9D64-115E9BFD4A08")); // BAT region
        b.putLong(2 << 20).putInt(1 << 20).putInt(1);
        b.put(guid("8B7CA206-4790-4B9A-B8FE-575F050F886E")); // metadata region
        b.putLong(metadata).putInt(1 << 20).putInt(1);
        b.position(metadata);
        b.put("metadata".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 0).putShort((short) 2);
        b.position(metadata + 32);
        b.put(guid("CAA16737-FA36-4D43-B3B6-33F0AA44E76B")); // file parameters
        b.putInt(65536).putInt(8).putInt(0).putInt(0);
        b.put(guid("2FA54224-CD1B-4876-B211-5DBED83BF4B8")); // virtual disk size
        b.putInt(65536 + 8).putInt(8).putInt(0).putInt(0);
        b.position(metadata + 65536 + 8);
        b.putLong(size);
        return b.array();
    }

    private static byte[] guid(String text) {
        String[] p = text.split("-");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) Long.parseLong(p[0], 16)).putShort((short) Integer.parseInt(p[1], 16))
                .putShort((short) Integer.parseInt(p[2], 16));
        String rest = p[3] + p[4];
        for (int i = 0; i < 16; i += 2) {
            b.put((byte) Integer.parseInt(rest.substring(i, i + 2), 16));
        }
        return b.array();
    }

    /** A VirtualBox VDI header: magic at 0x40, disk size at 0x170. */
    public static byte[] vdi(long size, int totalSize) {
        ByteBuffer b = ByteBuffer.allocate(totalSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put("<<< Oracle VM VirtualBox Disk Image >>>\n".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0x40, 0xbeda107f);
        b.putLong(0x170, size);
        return b.array();
    }

    /** An ISO 9660 image with its primary volume descriptor in sector 16. */
    public static byte[] iso(int blocks) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(blocks, 18) * 2048).order(ByteOrder.LITTLE_ENDIAN);
        b.position(16 * 2048);
        b.put((byte) 1).put("CD001".getBytes(StandardCharsets.US_ASCII)).put((byte) 1);
        b.putInt(16 * 2048 + 80, blocks);
        b.putShort(16 * 2048 + 128, (short) 2048);
        return b.array();
    }

    public static byte[] qed(int totalSize) {
        byte[] b = new byte[totalSize];
        System.arraycopy(new byte[] {'Q', 'E', 'D', 0}, 0, b, 0, 4);
        return b;
    }
}
