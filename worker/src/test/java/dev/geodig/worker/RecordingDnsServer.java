package dev.geodig.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;

/**
 * A DNS server that records every query it receives, as it came off the wire: proof of what the worker sends
 * (its EDNS Client Subnet, which no real server reports) and of how much DNS work it did. It either answers
 * each query with one A record and the scope it was told to give, or never answers (a server gone quiet that
 * still counts what reaches it). Knot and Unbound, which the demo runs, are tested through the chain itself.
 */
final class RecordingDnsServer implements AutoCloseable {

    /** What one query carried: its client-subnet option, if any, and how many OPT records it had. */
    record Received(Optional<ClientSubnetOption> subnet, int optRecords) {
    }

    private final DatagramSocket socket;
    private final boolean answers;
    private final Integer scope;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread reader;

    /** @param scope the scope prefix the answers carry; {@code null} to answer without a client-subnet option */
    static RecordingDnsServer answeringWithScope(Integer scope) {
        return new RecordingDnsServer(true, scope);
    }

    /** Records every query and answers none. */
    static RecordingDnsServer silent() {
        return new RecordingDnsServer(false, null);
    }

    private RecordingDnsServer(boolean answers, Integer scope) {
        this.answers = answers;
        this.scope = scope;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        reader = Thread.ofPlatform().daemon().name("recording-dns-" + socket.getLocalPort()).start(this::serve);
    }

    private void serve() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = record(query);
                if (answers) {
                    byte[] answer = response.toWire(1232);
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException closedOrMalformed) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** Records what the query carried; returns the answer to it. */
    private Message record(Message query) throws IOException {
        OPTRecord opt = query.getOPT();
        Optional<ClientSubnetOption> subnet = opt == null ? Optional.empty()
                : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET).stream().map(ClientSubnetOption.class::cast).findFirst();
        received.add(new Received(subnet, query.getSection(Section.ADDITIONAL).stream().filter(OPTRecord.class::isInstance).toList().size()));
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(query.getQuestion(), Section.QUESTION);
        response.addRecord(new ARecord(query.getQuestion().getName(), DClass.IN, 60, InetAddress.getByName("192.0.2.10")), Section.ANSWER);
        if (subnet.isPresent() && scope != null) {
            ClientSubnetOption sent = subnet.get();
            // RFC 7871: the answer echoes family, source prefix and address, and adds its scope.
            response.addRecord(new OPTRecord(1232, 0, 0, 0,
                    new ClientSubnetOption(sent.getSourcePrefixLength(), scope, sent.getAddress())), Section.ADDITIONAL);
        } else if (opt != null) {
            response.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        }
        return response;
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
