package dev.geodig.cli;

/** No HTTP answer from the gateway at all: refused, timed out, or a name or address that does not work. */
final class GatewayUnreachableException extends Exception {

    GatewayUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
