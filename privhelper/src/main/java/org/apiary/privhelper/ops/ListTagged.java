package org.apiary.privhelper.ops;

import org.apiary.privhelper.protocol.Args;

/**
 * Lists every host object carrying our tag (interfaces with apiary:&lt;owner&gt;, isolation domains
 * named apiary-&lt;owner&gt;, our DHCP state, our guests), so an agent can reconcile orphans at start.
 * Objects without our tag are never listed.
 */
public record ListTagged() implements Op {
    public static ListTagged parse(Args a) {
        a.done();
        return new ListTagged();
    }
}
