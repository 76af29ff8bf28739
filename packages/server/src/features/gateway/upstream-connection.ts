/**
 * One keep-alive connection to an upstream: a TCP or TLS socket, an HTTP/1.1 response parser
 * (`http-parser-js`) and the exchange currently on it. Written for the gateway's hot path: the
 * request goes out as one write of its head and body; the response comes back as callbacks,
 * with no request, response or header objects built in between.
 */
import type { Socket } from "node:net";
import { HTTPParser } from "http-parser-js";
import { rawHeader } from "./relay-headers.js";

/** What an exchange hears back from its upstream. */
export interface UpstreamResponseHandler {
  /** The response head (1xx heads are skipped). `rawHeaders` is a name, value, name, value, … list. */
  onHead(status: number, statusMessage: string, rawHeaders: string[]): void;
  onData(chunk: Buffer): void;
  /** The whole response has arrived. */
  onEnd(): void;
  /**
   * The connection failed: before the head (`afterHead` false: refused, reset, not HTTP) or
   * in the middle of the body (the response is cut short).
   */
  onError(error: Error, afterHead: boolean): void;
}

export interface ConnectionEvents {
  /** The response is complete and the connection can carry another request. */
  idle(connection: UpstreamConnection): void;
  /** The socket is gone (closed by either side, or failed). */
  closed(connection: UpstreamConnection): void;
}

/** A failure with what the retry decision needs: whether any response byte had arrived. */
export class UpstreamConnectionError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly bytesReceived: number,
  ) {
    super(message);
    this.name = "UpstreamConnectionError";
  }
}

/**
 * @example const c = new UpstreamConnection(net.connect(port, host), events); c.send(head, body, handler)
 */
export class UpstreamConnection {
  /** Requests this connection has carried (a reused connection may have been closed by the server meanwhile). */
  requests = 0;
  /** `performance.now()` when it last became idle. */
  idleSince = 0;
  /** Set from the last response's `Keep-Alive: timeout=N` hint, ms; null when none was sent. */
  keepAliveHintMs: number | null = null;
  private readonly parser = new HTTPParser(HTTPParser.RESPONSE);
  private handler: UpstreamResponseHandler | null = null;
  private headSeen = false;
  private informational = false;
  private keepAlive = false;
  private bytesReceived = 0;
  private socketError: Error | null = null;
  private ended = false;
  private headRequest = false;

  constructor(
    readonly socket: Socket,
    private readonly events: ConnectionEvents,
  ) {
    socket.setNoDelay(true);
    this.parser[HTTPParser.kOnHeadersComplete] = (info) => this.headComplete(info);
    this.parser[HTTPParser.kOnBody] = (chunk) => this.handler?.onData(chunk);
    this.parser[HTTPParser.kOnMessageComplete] = () => this.messageComplete();
    socket.on("data", (data: Buffer) => this.received(data));
    socket.on("end", () => this.peerEnded());
    socket.on("error", (error) => {
      this.socketError = error;
    });
    socket.on("close", () => this.socketClosed());
  }

  /** Whether it can take a request now. */
  get usable(): boolean {
    return this.handler === null && !this.ended && !this.socket.destroyed;
  }

  /**
   * Sends one request (its head already serialized) and routes its response to `handler`.
   * `headRequest`: the request was a HEAD, so the response has no body whatever its headers say.
   */
  send(head: string, body: Buffer, handler: UpstreamResponseHandler, headRequest = false): void {
    this.handler = handler;
    this.headRequest = headRequest;
    this.headSeen = false;
    this.informational = false;
    this.bytesReceived = 0;
    this.requests++;
    this.parser.initialize(HTTPParser.RESPONSE);
    const socket = this.socket;
    socket.cork();
    socket.write(head, "latin1");
    if (body.length > 0) socket.write(body);
    socket.uncork();
  }

  /** Drops the exchange on it (no more callbacks) and closes the socket. */
  destroy(): void {
    this.handler = null;
    this.socket.destroy();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  private received(data: Buffer): void {
    if (this.handler === null) {
      // Bytes while idle: the upstream is not speaking HTTP/1.1 as expected; never reuse it.
      this.socket.destroy();
      return;
    }
    this.bytesReceived += data.length;
    const result = this.parser.execute(data);
    if (result instanceof Error) {
      this.fail(`upstream sent a malformed HTTP response (${result.message})`, "GENCHI_UPSTREAM_PROTOCOL");
    }
  }

  private headComplete(info: {
    statusCode: number;
    statusMessage: string;
    headers: string[];
    shouldKeepAlive: boolean;
    upgrade: boolean;
  }): number {
    const handler = this.handler;
    if (!handler) return 1;
    if (info.statusCode < 200) {
      // 100 Continue, 103 Early Hints: the final head follows. A switch of protocols is not HTTP any more.
      if (info.statusCode === 101) this.fail("upstream switched protocols (101)", "GENCHI_UPSTREAM_PROTOCOL");
      this.informational = true;
      return 0;
    }
    this.headSeen = true;
    this.keepAlive = info.shouldKeepAlive;
    this.keepAliveHintMs = keepAliveHint(info.headers);
    handler.onHead(info.statusCode, info.statusMessage, info.headers);
    return this.headRequest ? 1 : 0;
  }

  private messageComplete(): void {
    if (this.informational) {
      this.informational = false;
      return;
    }
    const handler = this.handler;
    if (!handler || !this.headSeen) return;
    this.handler = null;
    if (this.keepAlive && !this.ended) {
      // The exchange may have paused reading (a slow client) in the read that completed its
      // response; an idle connection must read again, to see the server close it and to carry
      // the next exchange's response.
      if (this.socket.isPaused()) this.socket.resume();
      this.events.idle(this);
    } else this.socket.destroy();
    handler.onEnd();
  }

  private peerEnded(): void {
    this.ended = true;
    // A response without a length ends with the connection.
    if (this.handler && this.headSeen) this.parser.finish();
    this.socket.end();
  }

  private socketClosed(): void {
    const handler = this.handler;
    this.handler = null;
    this.events.closed(this);
    if (!handler) return;
    const error = this.socketError;
    const message = this.headSeen
      ? `upstream closed the connection in the middle of the response${error ? ` (${error.message})` : ""}`
      : error
        ? error.message
        : "upstream closed the connection before responding";
    handler.onError(
      new UpstreamConnectionError(message, (error as NodeJS.ErrnoException | null)?.code, this.bytesReceived),
      this.headSeen,
    );
  }

  private fail(message: string, code: string): void {
    const handler = this.handler;
    this.handler = null;
    this.socket.destroy();
    handler?.onError(new UpstreamConnectionError(message, code, this.bytesReceived), this.headSeen);
  }
}

/** `Keep-Alive: timeout=5` → 5000 (ms); null without the hint. */
function keepAliveHint(raw: readonly string[]): number | null {
  const value = rawHeader(raw, "keep-alive");
  const m = value === undefined ? null : /timeout=(\d+)/i.exec(value);
  return m ? Number(m[1]) * 1000 : null;
}
