package org.apiary.bus;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * Callers hold a plain Java interface whose methods travel over the bus. A method that returns a
 * value is a {@link Bus#call} (waits for the reply); a {@code void} method is a {@link Bus#cast}
 * (fire and forget, like Neutron's report_state).
 */
public final class RpcClients {
    /** oslo.messaging's rpc_response_timeout default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private RpcClients() {}

    public static <T> T proxy(Bus bus, Class<T> api, String topic) {
        return proxy(bus, api, topic, DEFAULT_TIMEOUT);
    }

    public static <T> T proxy(Bus bus, Class<T> api, String topic, Duration timeout) {
        RpcServers.requireRemotable(api);
        Object proxy = Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api},
                (self, method, args) -> invoke(bus, api, topic, timeout, self, method, args));
        return api.cast(proxy);
    }

    private static Object invoke(Bus bus, Class<?> api, String topic, Duration timeout, Object self, Method method,
            Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "toString" -> "rpc proxy " + api.getSimpleName() + "@" + topic;
                case "hashCode" -> System.identityHashCode(self);
                case "equals" -> self == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            };
        }
        byte[] request = Envelopes.request(method.getName(), args);
        if (method.getReturnType() == void.class) {
            bus.cast(topic, request);
            return null;
        }
        byte[] reply = bus.call(topic, request, timeout);
        return Envelopes.decodeReply(reply, method.getGenericReturnType());
    }
}
