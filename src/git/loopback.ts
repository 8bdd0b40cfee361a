import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** The two ends of one loopback TCP connection: a child writes into one, the scan reads the other. */
export interface LoopbackPair {
  writeEnd: Socket;
  readEnd: Socket;
}

// A loopback connection takes well under a millisecond; one a firewall drops would hang.
const CONNECT_TIMEOUT_MS = 1000;

/**
 * A loopback TCP connection for a child's output, or null where there is none (no loopback
 * interface, as in a network-less sandbox; or Windows, where a child cannot be handed a socket).
 *
 * Why not the socket pair node makes for a child's stdout: it holds about 200 KB, which git fills
 * in a few milliseconds whenever the scan is busy with a large file, and then git waits. The
 * kernel grows a TCP socket's buffer to megabytes as it fills, so git keeps diffing on its core.
 * Only our own end's connection is taken: another local process that connects first is refused.
 */
export function loopbackPair(options: { beforeConnect?: (port: number) => Promise<void> } = {}): Promise<LoopbackPair | null> {
  if (process.platform === 'win32') return Promise.resolve(null);
  return new Promise((resolve) => {
    const server = createServer();
    const accepted: Socket[] = [];
    let writeEnd: Socket | null = null;
    let connected = false;
    let settled = false;
    const finish = (pair: LoopbackPair | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      server.close();
      for (const socket of accepted) if (socket !== pair?.readEnd) socket.destroy();
      if (!pair) writeEnd?.destroy();
      resolve(pair);
    };
    // the accepted end and our end's connect event come in either order
    const match = () => {
      if (!connected || !writeEnd) return;
      const readEnd = accepted.find((s) => s.remotePort === writeEnd!.localPort && s.remoteAddress === writeEnd!.localAddress);
      if (readEnd) finish({ writeEnd, readEnd });
    };
    const timer = setTimeout(() => finish(null), CONNECT_TIMEOUT_MS);
    server.on('error', () => finish(null));
    server.on('connection', (socket: Socket) => {
      if (settled) return void socket.destroy();
      socket.on('error', () => {}); // a refused stranger's, or ours: the child's exit status tells
      accepted.push(socket);
      match();
    });
    server.listen(0, '127.0.0.1', async () => {
      const port = (server.address() as AddressInfo).port;
      try {
        await options.beforeConnect?.(port); // tests: a stranger connects first
      } catch {
        return finish(null);
      }
      if (settled) return;
      writeEnd = connect(port, '127.0.0.1');
      writeEnd.on('error', () => finish(null));
      writeEnd.on('connect', () => {
        connected = true;
        match();
      });
    });
  });
}
