package org.apiary.privhelper.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KVM is used only when /dev/kvm exists and the CPU has vmx or svm (nested hosts may expose the device without). */
class KvmUsableTest {
    @TempDir
    Path dir;

    @Test
    void needsTheDeviceAndAVirtualisationFlag() throws Exception {
        Path kvm = dir.resolve("kvm");
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu vme sse2 svm avx2\n");
        assertThat(LinuxGuests.kvmUsable(kvm, cpuinfo)).isFalse();
        Files.createFile(kvm);
        assertThat(LinuxGuests.kvmUsable(kvm, cpuinfo)).isTrue();
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu vme sse2 avx2 hypervisor\n");
        assertThat(LinuxGuests.kvmUsable(kvm, cpuinfo)).isFalse();
        Files.writeString(cpuinfo, "flags\t\t: fpu vmx\n");
        assertThat(LinuxGuests.kvmUsable(kvm, cpuinfo)).isTrue();
        assertThat(LinuxGuests.kvmUsable(kvm, dir.resolve("missing"))).isFalse();
    }
}
