package org.apiary.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves a plain Java implementation of an interface on a bus topic (the other half of {@link RpcClients}). */
public final class RpcServers {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServers.class);

    private RpcServers() {}

    public static <T> Bus.Registration serve(Bus bus, String topic, Class<T> api, T impl) {
        Map<String, Method> methods = requireRemotable(api);
        return bus.serve(topic, body -> dispatch(topic, methods, impl, body));
    }

    /** The interface's abstract methods by name; overloads are refused because requests carry only a name. */
    static Map<String, Method> requireRemotable(Class<?> api) {
        if (!api.isInterface()) {
            throw new IllegalArgumentException(api.getName() + " is not an interface");
        }
        Map<String, Method> byName = new HashMap<>();
        for (Method m : api.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.isDefault()) {
                continue;
            }
            if (byName.put(m.getName(), m) != null) {
                throw new IllegalArgumentException(api.getName() + "." + m.getName()
                        + " is overloaded; bus methods are called by name");
            }
        }
        return byName;
    }

    private static byte[] dispatch(String topic, Map<String, Method> methods, Object impl, byte[] body) {
        String name = "?";
        try {
            JsonNode request = Envelopes.tree(body);
            name = request.path("method").asText("");
            Method method = methods.get(name);
            if (method == null) {
                return Envelopes.failure(BusException.class.getName(), "no method '" + name + "' on topic " + topic);
            }
            JsonNode args = request.path("args");
            var types = method.getGenericParameterTypes();
            if (!args.isArray() || args.size() != types.length) {
                return Envelopes.failure(BusException.class.getName(), name + " takes " + types.length + " arguments");
            }
            Object[] values = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                values[i] = Envelopes.convert(args.get(i), types[i]);
            }
            return Envelopes.result(method.invoke(impl, values));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            LOG.info("rpc {}.{} failed: {}", topic, name, cause.toString());
            if (!(cause instanceof RuntimeException) || cause instanceof NullPointerException) {
                LOG.warn("rpc {}.{} failed unexpectedly", topic, name, cause);
            }
            return Envelopes.failure(cause.getClass().getName(), cause.getMessage());
        } catch (BusException e) {
            LOG.info("rpc {}.{}: bad request: {}", topic, name, e.getMessage());
            return Envelopes.failure(e.getClass().getName(), e.getMessage());
        } catch (IllegalAccessException e) {
            return Envelopes.failure(e.getClass().getName(), e.getMessage());
        }
    }
}
