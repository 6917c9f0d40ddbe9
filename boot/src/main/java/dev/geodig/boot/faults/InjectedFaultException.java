package dev.geodig.boot.faults;

import dev.geodig.contract.faults.FaultSetting;

/**
 * The failure an injected fault causes. Thrown (or recorded) like any exception, so a span it ends has status
 * ERROR, {@code error.type} = this class's name and an exception event saying which fault and setting acted:
 * an injected failure is never mistaken for a real one, nor for a success.
 */
public final class InjectedFaultException extends RuntimeException {

    private final transient FaultSetting setting;

    public InjectedFaultException(FaultSetting setting, String what) {
        super(what + " (injected fault " + setting.describe() + ")", null, false, false);
        this.setting = setting;
    }

    public FaultSetting setting() {
        return setting;
    }
}
