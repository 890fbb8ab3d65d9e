package org.apiary.bus;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus over RabbitMQ (AMQP 0-9-1), laid out as oslo.messaging's rabbit driver does: RPC on a
 * topic exchange (one shared queue per topic, so the servers of a topic share its calls), replies
 * through RabbitMQ's direct reply-to ({@code amq.rabbitmq.reply-to}, no reply queue to declare),
 * and notifications on a fanout exchange {@code <topic>_fanout} with one exclusive queue per
 * subscriber. Calls are published mandatory, so a topic nobody serves fails at once.
 */
public final class RabbitBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(RabbitBus.class);
    private static final String REPLY_TO = "amq.rabbitmq.reply-to";
    private static final int QUEUE_EXPIRY_MS = 24 * 3600 * 1000;

    private final Connection connection;
    private final String exchange;
    private final Channel publishing;
    private final Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();
    private final ExecutorService handlers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("rabbit-handler-", 0).factory());

    private RabbitBus(Connection connection, String exchange) throws IOException {
        this.connection = connection;
        this.exchange = exchange;
        this.publishing = connection.createChannel();
        publishing.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false);
        publishing.addReturnListener(r -> {
            CompletableFuture<byte[]> f = r.getProperties().getCorrelationId() == null ? null
                    : waiting.remove(r.getProperties().getCorrelationId());
            if (f != null) {
                f.completeExceptionally(new BusException("no server listens on topic " + r.getRoutingKey()));
            }
        });
        // Direct reply-to: consume (no-ack) on the pseudo-queue before publishing with it as reply-to.
        publishing.basicConsume(REPLY_TO, true, (tag, delivery) -> {
            CompletableFuture<byte[]> f = waiting.remove(String.valueOf(delivery.getProperties().getCorrelationId()));
            if (f != null) {
                f.complete(delivery.getBody());
            }
        }, tag -> {});
    }

    /** Connects to the broker of {@code transportUrl}; {@code exchange} is oslo's control_exchange. */
    public static RabbitBus connect(String transportUrl, String exchange) {
        TransportUrl url = TransportUrl.parse(transportUrl);
        ConnectionFactory f = new ConnectionFactory();
        f.setUsername(url.user());
        f.setPassword(url.password());
        f.setVirtualHost(url.virtualHost());
        f.setAutomaticRecoveryEnabled(true);
        f.setConnectionTimeout(10_000);
        Address[] addresses = url.hosts().stream().map(h -> new Address(h.host(), h.port())).toArray(Address[]::new);
        try {
            RabbitBus bus = new RabbitBus(f.newConnection(addresses, "apiary"), exchange);
            LOG.info("bus: RabbitMQ at {} (exchange {})", TransportUrl.redact(transportUrl), exchange);
            return bus;
        } catch (IOException | TimeoutException e) {
            throw new BusException("cannot connect to RabbitMQ at " + TransportUrl.redact(transportUrl) + ": " + e, e);
        }
    }

    @Override
    public byte[] call(String topic, byte[] body, Duration timeout) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                .correlationId(id).replyTo(REPLY_TO).expiration(Long.toString(timeout.toMillis())).build();
        try {
            synchronized (publishing) {
                publishing.basicPublish(exchange, topic, true, props, body);
            }
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BusTimeoutException("no reply on " + topic + " within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BusException b ? b : new BusException(e.getCause().toString(), e.getCause());
        } catch (IOException e) {
            throw new BusException("cannot publish to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusException("interrupted while waiting for " + topic);
        } finally {
            waiting.remove(id);
        }
    }

    @Override
    public void cast(String topic, byte[] body) {
        publish(exchange, topic, body);
    }

    @Override
    public void publish(String topic, byte[] body) {
        String fanout = topic + "_fanout";
        try {
            synchronized (publishing) {
                publishing.exchangeDeclare(fanout, BuiltinExchangeType.FANOUT, false);
            }
        } catch (IOException e) {
            throw new BusException("cannot declare " + fanout + ": " + e, e);
        }
        publish(fanout, "", body);
    }

    private void publish(String exchangeName, String routingKey, byte[] body) {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json").build();
        try {
            synchronized (publishing) {
                publishing.basicPublish(exchangeName, routingKey, props, body);
            }
        } catch (IOException e) {
            throw new BusException("cannot publish to " + exchangeName + "/" + routingKey + ": " + e, e);
        }
    }

    @Override
    public Registration serve(String topic, RequestHandler handler) {
        try {
            Channel ch = connection.createChannel();
            // Kept while unused (calls wait for a restarting server, as in oslo), dropped after an idle day.
            ch.queueDeclare(topic, false, false, false, Map.of("x-expires", QUEUE_EXPIRY_MS));
            ch.queueBind(topic, exchange, topic);
            DeliverCallback deliver = (tag, delivery) -> handlers.execute(() -> {
                byte[] reply;
                try {
                    reply = handler.handle(delivery.getBody());
                } catch (RuntimeException e) {
                    LOG.warn("server of {} failed: {}", topic, e.toString());
                    reply = Envelopes.failure(e.getClass().getName(), e.getMessage());
                }
                AMQP.BasicProperties in = delivery.getProperties();
                if (in.getReplyTo() != null && reply != null) {
                    AMQP.BasicProperties out = new AMQP.BasicProperties.Builder().contentType("application/json")
                            .correlationId(in.getCorrelationId()).build();
                    try {
                        synchronized (publishing) {
                            publishing.basicPublish("", in.getReplyTo(), out, reply);
                        }
                    } catch (IOException e) {
                        LOG.warn("cannot reply on {}: {}", topic, e.toString());
                    }
                }
            });
            String tag = ch.basicConsume(topic, true, deliver, t -> {});
            return () -> closeConsumer(ch, tag);
        } catch (IOException e) {
            throw new BusException("cannot serve " + topic + ": " + e, e);
        }
    }

    @Override
    public Registration subscribe(String topic, NotificationHandler handler) {
        try {
            Channel ch = connection.createChannel();
            String fanout = topic + "_fanout";
            ch.exchangeDeclare(fanout, BuiltinExchangeType.FANOUT, false);
            String queue = ch.queueDeclare("", false, true, true, null).getQueue();
            ch.queueBind(queue, fanout, "");
            String tag = ch.basicConsume(queue, true, (t, delivery) -> handlers.execute(() -> {
                try {
                    handler.handle(delivery.getBody());
                } catch (RuntimeException e) {
                    LOG.warn("subscriber of {} failed: {}", topic, e.toString());
                }
            }), t -> {});
            return () -> closeConsumer(ch, tag);
        } catch (IOException e) {
            throw new BusException("cannot subscribe to " + topic + ": " + e, e);
        }
    }

    private static void closeConsumer(Channel ch, String tag) {
        try {
            ch.basicCancel(tag);
            ch.close();
        } catch (IOException | TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
            LOG.debug("closing consumer {}: {}", tag, e.toString());
        }
    }

    @Override
    public void close() {
        handlers.shutdownNow();
        try {
            connection.close(5_000);
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException e) {
            LOG.debug("closing RabbitMQ connection: {}", e.toString());
        }
    }
}
