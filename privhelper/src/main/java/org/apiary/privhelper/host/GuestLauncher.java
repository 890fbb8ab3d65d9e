package org.apiary.privhelper.host;

import java.nio.file.Path;
import java.util.List;

/** Starts a long-running hypervisor process (argv built by the backend; no shell), output appended to log. */
public interface GuestLauncher {
    GuestProcess launch(List<String> argv, Path log);
}
