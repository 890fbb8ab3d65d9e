package org.apiary.server;

import java.util.ArrayList;
import java.util.List;
import org.apiary.agent.AgentOptions;
import org.apiary.agent.compute.ComputeAgentOptions;
import org.apiary.bus.BusOptions;
import org.apiary.common.config.ConfigOption;
import org.apiary.http.HttpOptions;
import org.apiary.identity.IdentityOptions;
import org.apiary.image.ImageOptions;
import org.apiary.network.NetworkOptions;
import org.apiary.placement.PlacementOptions;
import org.apiary.compute.ComputeOptions;
import org.apiary.privhelper.HelperOptions;
import org.apiary.store.StoreOptions;

/** Every option any module declares; the sample file and the docs table are generated from this. */
final class AllOptions {
    private AllOptions() {}

    static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> all = new ArrayList<>();
        all.addAll(HttpOptions.all());
        all.addAll(StoreOptions.all());
        all.addAll(IdentityOptions.all());
        all.addAll(ImageOptions.all());
        all.addAll(PlacementOptions.all());
        all.addAll(NetworkOptions.all());
        all.addAll(ComputeOptions.all());
        all.addAll(HelperOptions.all());
        all.addAll(BusOptions.all());
        all.addAll(AgentOptions.all());
        all.addAll(ComputeAgentOptions.all());
        all.addAll(org.apiary.agent.console.ConsoleProxyOptions.all());
        return all;
    }
}
