package org.fanzha.contact.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;

/** Listens on the loopback address only, on a free port when asked for port 0, and tells which. */
final class LoopbackListener implements ServerConnectionFactory {

    private volatile int port;

    int port() {
        return port;
    }

    @Override
    public ServerConnection listen(int wanted) throws IOException {
        return listen(wanted, 0, 50);
    }

    @Override
    public ServerConnection listen(int wanted, int timeout) throws IOException {
        return listen(wanted, timeout, 50);
    }

    @Override
    public ServerConnection listen(int wanted, int timeout, int backlog) throws IOException {
        ServerSocket socket = new ServerSocket(wanted, backlog, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(timeout);
        port = socket.getLocalPort();
        return new ServerSocketConnection(socket);
    }
}
