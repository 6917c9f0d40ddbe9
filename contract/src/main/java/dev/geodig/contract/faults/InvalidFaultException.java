package dev.geodig.contract.faults;

/** A fault setting that cannot be: {@link #field()} names what is wrong, as a problem's {@code errors} entry does. */
public final class InvalidFaultException extends RuntimeException {

    private final String field;

    public InvalidFaultException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
